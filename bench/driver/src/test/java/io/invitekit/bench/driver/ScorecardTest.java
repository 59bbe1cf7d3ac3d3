package io.invitekit.bench.driver;

import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.bench.driver.Scorecard.Figure;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScorecardTest {
    private static String row(String markdown, String startsWith) {
        return markdown.lines().filter(l -> l.startsWith("| " + startsWith)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + startsWith + " in\n" + markdown));
    }

    private static String printed(Scorecard scorecard) {
        Report report = new Report();
        scorecard.print(report);
        return report.markdown();
    }

    @Test
    void ratiosAgainstKeycloakComeFromTheFiguresOfTheSameRun() {
        Scorecard scorecard = new Scorecard();
        scorecard.put(Figure.DELIVERED_PER_SECOND, Scorecard.KEYCLOAK, 100);
        scorecard.put(Figure.RSS_MIB, Scorecard.KEYCLOAK, 600);
        scorecard.put(Figure.CREATED_PER_SECOND, Goals.H2, 1000);
        scorecard.put(Figure.DELIVERED_PER_SECOND, Goals.H2, 600);
        scorecard.put(Figure.RSS_MIB, Goals.H2, 300);

        assertThat(scorecard.deliveredOfKeycloak(Goals.H2)).isEqualTo(6.0);
        assertThat(scorecard.deliveredOfCreated(Goals.H2)).isEqualTo(0.6);
        assertThat(scorecard.rssOfKeycloak(Goals.H2)).isEqualTo(0.5);
        String markdown = printed(scorecard);
        assertThat(row(markdown, "created and delivered per second ÷ Keycloak's"))
                .contains("6.00×").contains("H2 met (20 % above)");
        assertThat(row(markdown, "RSS after the whole load ÷ Keycloak's"))
                .contains("300 MiB, 0.50×").contains("H2 missed (25 % over)");
        assertThat(row(markdown, "invitations created **and delivered**")).contains("H2 missed (25 % short)");
    }

    @Test
    void everyRowOfTheIssuesTableIsThereEvenWhenNothingWasMeasured() {
        Scorecard scorecard = new Scorecard();
        scorecard.leftOut(Scorecard.KEYCLOAK, "no Temurin JDK");
        String markdown = printed(scorecard);

        for (String figure : List.of("token preview ÷ raw Javalin JSON", "`GET /api/me` ÷ raw Javalin",
                "accepts/s ÷ Argon2id hashes/s", "invitations created per second", "invitations created **and delivered**",
                "created and delivered per second ÷ Keycloak's", "relay drain of a 10,000-message backlog",
                "RSS after the whole load", "start to ready, empty database", "start to ready, existing database")) {
            assertThat(row(markdown, figure)).doesNotContain("| met").doesNotContain(" met (");
        }
        assertThat(row(markdown, "token preview")).contains("≥ 0.50× raw Javalin H2, ≥ 0.25× raw Javalin PostgreSQL")
                .contains("H2 not measured; PostgreSQL not measured");
        assertThat(markdown).contains("Keycloak was not measured in this run: no Temurin JDK");
    }

    @Test
    void aGoalForH2AloneGivesNoVerdictForPostgreSql() {
        Scorecard scorecard = new Scorecard();
        scorecard.put(Figure.START_EMPTY_SECONDS, Goals.H2, 1.2);
        scorecard.put(Figure.START_EMPTY_SECONDS, Goals.POSTGRESQL, 1.9);
        String line = row(printed(scorecard), "start to ready, empty database");

        assertThat(line).contains("1.20 s").contains("1.90 s").contains("≤ 1.5 s (H2)").endsWith("| H2 met (20 % under) |");
    }
}
