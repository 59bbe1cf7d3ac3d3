package io.invitekit.application.service;

import static io.invitekit.application.TestKit.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.application.TestKit;
import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.in.InvitationView;
import io.invitekit.application.port.in.NewMemberInvitation;
import io.invitekit.application.port.in.PasswordResetRequest;
import io.invitekit.application.port.out.MemberInvitationMail;
import io.invitekit.application.port.out.OutboxMessage;
import io.invitekit.application.port.out.PasswordResetMail;
import io.invitekit.application.port.out.QueuedMail;
import io.invitekit.application.port.out.TenantInvitationMail;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.LocaleTag;
import io.invitekit.domain.shared.ValidationException;
import io.invitekit.domain.tenant.TenantId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Languages: an account's choice, a tenant invitation's, and the language each email is written in. */
class LocaleServiceTest {
    private final TestKit t = new TestKit();

    // ---- an account's language ---------------------------------------------------------------

    @Test
    void anAccountChoosesAnOfferedLanguageAndMeTellsIt() {
        Actor ana = t.user("ana@example.org");
        assertThat(t.kit.accounts().me(ana).locale()).as("none chosen: the browser decides").isNull();

        assertThat(t.kit.accounts().changeLocale(ana, "de").locale()).isEqualTo("de");
        assertThat(t.kit.accounts().me(ana).locale()).isEqualTo("de");
        assertThat(t.kit.accounts().changeLocale(ana, "en-GB").locale()).as("a region counts as its language")
                .isEqualTo("en");
        assertThat(t.kit.accounts().changeLocale(ana, null).locale()).as("back to the browser's").isNull();
        assertThat(t.storage.auditLog().events()).filteredOn(e -> e.action().equals("account.locale_changed"))
                .hasSize(3);
    }

    @Test
    void aLanguageTheDeploymentDoesNotOfferIsRefusedWithItsOwnCodeAndChangesNothing() {
        Actor ana = t.user("ana@example.org");
        t.kit.accounts().changeLocale(ana, "de");

        for (String refusedLocale : List.of("fr", "xx", "", "not a language", "d3")) {
            refused(ErrorCode.UNSUPPORTED_LOCALE, () -> t.kit.accounts().changeLocale(ana, refusedLocale));
        }
        assertThat(t.kit.accounts().me(ana).locale()).isEqualTo("de");
        refused(ErrorCode.UNAUTHENTICATED, () -> t.kit.accounts().changeLocale(null, "de"));
    }

    @Test
    void whatIsOfferedIsTheSettingsToSay() {
        TestKit englishOnly = new TestKit(s -> s.locales(List.of(LocaleTag.ENGLISH)));
        Actor ana = englishOnly.user("ana@example.org");

        refused(ErrorCode.UNSUPPORTED_LOCALE, () -> englishOnly.kit.accounts().changeLocale(ana, "de"));
        assertThat(englishOnly.kit.accounts().changeLocale(ana, "en").locale()).isEqualTo("en");
    }

    @Test
    void emailsToAnAccountAreInItsLanguage() {
        Actor ana = t.user("ana@example.org");
        t.kit.accounts().changeLocale(ana, "de");

        t.kit.accounts().requestPasswordReset(PasswordResetRequest.forEmail("ana@example.org"));

        assertThat(queued(PasswordResetMail.Queued.class)).singleElement()
                .satisfies(m -> assertThat(m.locale()).isEqualTo(LocaleTag.GERMAN));
        t.kit.delivery().relayOnce();
        assertThat(t.mail.sent(PasswordResetMail.class)).singleElement()
                .satisfies(m -> assertThat(m.locale()).as("the relay keeps it").isEqualTo(LocaleTag.GERMAN));
    }

    @Test
    void emailsToAnAccountWithoutAChoiceHaveNoLanguageOfTheirOwn() {
        t.user("ana@example.org");

        t.kit.accounts().requestPasswordReset(PasswordResetRequest.forEmail("ana@example.org"));

        assertThat(queued(PasswordResetMail.Queued.class)).singleElement()
                .satisfies(m -> assertThat(m.locale()).isNull());
    }

    // ---- a tenant invitation's language --------------------------------------------------------

    @Test
    void aTenantInvitationCarriesTheLanguageTheAdminChoseToItsEmailAndItsPreview() {
        Actor admin = t.admin();
        InvitationView created = t.kit.invitations().create(admin, TestKit.invitation("owner@example.org").locale("de"));

        assertThat(created.locale()).isEqualTo("de");
        assertThat(t.kit.invitations().get(admin, created.id()).locale()).isEqualTo("de");
        assertThat(t.kit.acceptance().preview(t.tokenOf(created)).locale()).isEqualTo("de");
        assertThat(queued(TenantInvitationMail.Queued.class)).singleElement()
                .satisfies(m -> assertThat(m.locale()).isEqualTo(LocaleTag.GERMAN));
        t.kit.delivery().relayOnce();
        assertThat(t.mail.sent(TenantInvitationMail.class)).singleElement()
                .satisfies(m -> assertThat(m.locale()).isEqualTo(LocaleTag.GERMAN));
    }

    @Test
    void aTenantInvitationWithoutALanguageTakesTheDeploymentsDefault() {
        TestKit germanFirst = new TestKit(s -> s.locales(List.of(LocaleTag.GERMAN, LocaleTag.ENGLISH)));
        InvitationView created = germanFirst.invite(germanFirst.admin(), "owner@example.org");

        assertThat(created.locale()).isEqualTo("de");
        assertThat(germanFirst.kit.acceptance().preview(germanFirst.tokenOf(created)).locale()).isEqualTo("de");
    }

    @Test
    void aLanguageNotOfferedIsAFieldErrorReportedWithTheOthersAndNothingIsWritten() {
        Actor admin = t.admin();
        ValidationException refusal = (ValidationException) refused(ErrorCode.VALIDATION_FAILED, () ->
                t.kit.invitations().create(admin, TestKit.invitation("not-an-email").locale("fr")));

        assertThat(refusal.errors()).extracting(e -> e.field()).contains("email", "locale");
        ValidationException alone = (ValidationException) refused(ErrorCode.VALIDATION_FAILED, () ->
                t.kit.invitations().create(admin, TestKit.invitation("owner@example.org").locale("fr")));
        assertThat(alone.errors()).extracting(e -> e.field()).containsExactly("locale");
        refused(ErrorCode.VALIDATION_FAILED, () ->
                t.kit.invitations().create(admin, TestKit.invitation("owner@example.org").locale("12")));
        assertThat(t.storage.outbox().all()).isEmpty();
    }

    // ---- a member invitation's language --------------------------------------------------------

    @Test
    void aMemberInvitationIsInTheInviteesLanguageWhenTheyHaveAnAccountElseTheInvitingMembers() {
        Actor owner = t.user("owner@family.example");
        TenantId family = t.family(owner, "The Smiths").id();
        t.kit.accounts().changeLocale(owner, "en");
        Actor bea = t.user("bea@family.example");
        t.kit.accounts().changeLocale(bea, "de");

        t.kit.members().invite(owner, family, NewMemberInvitation.to("bea@family.example"));
        t.kit.members().invite(owner, family, NewMemberInvitation.to("nobody-yet@family.example"));

        assertThat(queued(MemberInvitationMail.Queued.class)).extracting(m -> m.to().value(), QueuedMail::locale)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("bea@family.example", LocaleTag.GERMAN),
                        org.assertj.core.groups.Tuple.tuple("nobody-yet@family.example", LocaleTag.ENGLISH));
    }

    @Test
    void aMemberInvitationFromSomeoneWithoutAChoiceToSomeoneUnknownHasNoLanguageOfItsOwn() {
        Actor owner = t.user("owner@family.example");
        TenantId family = t.family(owner, "The Smiths").id();

        t.kit.members().invite(owner, family, NewMemberInvitation.to("kim@family.example"));

        assertThat(queued(MemberInvitationMail.Queued.class)).singleElement()
                .satisfies(m -> assertThat(m.locale()).isNull());
    }

    private <M extends QueuedMail> List<M> queued(Class<M> kind) {
        return t.storage.outbox().all().stream().map(OutboxMessage::mail).filter(kind::isInstance).map(kind::cast)
                .toList();
    }
}
