package io.invitekit.adapter.http;

import io.invitekit.application.port.in.PageRequest;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.shared.ValidationException;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Query parameters, refused clearly (422) when they are not of the kind asked for. */
final class Queries {
    private Queries() {
    }

    static PageRequest page(Context ctx) {
        return new PageRequest(integer(ctx, "limit"), ctx.queryParam("cursor"));
    }

    static Integer integer(Context ctx, String name) {
        String text = ctx.queryParam(name);
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException notANumber) {
            throw ValidationException.of(name, "must be a whole number");
        }
    }

    static Boolean bool(Context ctx, String name) {
        String text = ctx.queryParam(name);
        if (text == null || text.isEmpty()) {
            return null;
        }
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ValidationException.of(name, "must be true or false");
        };
    }

    /** An ISO-8601 instant such as {@code 2026-11-30T14:00:00Z} (an offset other than Z too). */
    static Instant instant(Context ctx, String name) {
        String text = ctx.queryParam(name);
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notATime) {
            throw ValidationException.of(name, "must be an ISO-8601 time such as 2026-11-30T14:00:00Z");
        }
    }

    static UserId userId(Context ctx, String name) {
        String text = ctx.queryParam(name);
        if (text == null || text.isEmpty()) {
            return null;
        }
        return UserId.parse(text).orElseThrow(() -> ValidationException.of(name, "must be a user id"));
    }

    /** Every non-empty value of a repeatable parameter ({@code ?type=a&type=b}), in order. */
    static List<String> all(Context ctx, String name) {
        return ctx.queryParams(name).stream().filter(v -> !v.isEmpty()).toList();
    }
}
