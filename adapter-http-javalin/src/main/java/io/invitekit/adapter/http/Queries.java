package io.invitekit.adapter.http;

import io.invitekit.application.port.in.PageRequest;
import io.invitekit.domain.shared.ValidationException;
import io.javalin.http.Context;

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
}
