package io.invitekit.adapter.http;

import io.invitekit.application.port.out.StoreUnavailableException;
import io.invitekit.domain.shared.DomainException;
import io.invitekit.adapter.http.dto.WireNames;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.RetryLaterException;
import io.invitekit.domain.shared.ValidationException;
import io.invitekit.domain.tenant.Subdomain;
import io.invitekit.domain.tenant.SubdomainTakenException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import jakarta.validation.ConstraintViolationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every failure as {@code application/problem+json} (RFC 9457) with a stable {@code code}: one
 * mapper per family of failures, and a single exhaustive switch from domain code to status.
 * Nothing internal (no stack trace, no exception text of a technical failure) reaches a client.
 */
final class Problems {
    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
    static final String CONTENT_TYPE = "application/problem+json";
    /** The problem a request was answered with (see {@link #registerErrors}). */
    private static final String ANSWERED = "invitekit.problem";

    private final HttpMetrics metrics;

    Problems(HttpMetrics metrics) {
        this.metrics = metrics;
    }

    static int statusOf(ErrorCode code) {
        return switch (code) {
            case VALIDATION_FAILED, INVALID_SUBDOMAIN, MALFORMED_CODE -> 422;
            case UNAUTHENTICATED, INVALID_CREDENTIALS -> 401;
            case FORBIDDEN, WRONG_CURRENT_PASSWORD, EMAIL_NOT_VERIFIED, EMAIL_MISMATCH -> 403;
            case NOT_FOUND, INVALID_CODE, SESSION_NOT_FOUND -> 404;
            case INVITATION_PENDING_EXISTS, INVALID_TRANSITION, RESEND_LIMIT_REACHED, SUBDOMAIN_TAKEN, EMAIL_TAKEN,
                 TENANT_FULL, TENANT_INACTIVE, TENANT_LIMIT_REACHED, LAST_OWNER,
                 WEBHOOK_LIMIT_REACHED -> 409;
            case INVITATION_EXPIRED, INVITATION_CANCELLED, INVITATION_ACCEPTED, INVALID_RESET_TOKEN,
                 INVALID_VERIFICATION_TOKEN -> 410;
            case RESEND_TOO_SOON, RATE_LIMITED -> 429;
            case INVALID_SEARCH -> 400;
            case UNSUPPORTED_LOCALE -> 400;
        };
    }

    /** Answers any failure of one of Invitekit's handlers. */
    void render(Exception failure, Context ctx) {
        if (failure instanceof DomainException e) {
            domain(e, ctx);
        } else if (failure instanceof Refusal e) {
            write(ctx, e.status, e.code, e.title, e.getMessage(), Map.of());
        } else if (failure instanceof Json.MalformedBodyException e) {
            write(ctx, 400, "malformed_body", "Malformed body", e.getMessage(), Map.of());
        } else if (failure instanceof ConstraintViolationException e) {
            beanValidation(e, ctx);
        } else if (failure instanceof StoreUnavailableException e) {
            LOG.warn("store unavailable on {} {}: {}", ctx.method(), RequestLog.redact(ctx.path()), e.getMessage());
            ctx.header("Retry-After", "5");
            write(ctx, 503, "store_unavailable", "Service unavailable",
                    "the database cannot be reached; try again shortly", Map.of());
        } else if (failure instanceof HttpResponseException e) {
            http(e, ctx);
        } else {
            LOG.error("unexpected failure on {} {}", ctx.method(), RequestLog.redact(ctx.path()), failure);
            write(ctx, 500, "internal_error", "Internal error", "something went wrong on our side", Map.of());
        }
    }

    /**
     * Problem answers for unmatched API paths and wrong methods under {@code prefix} only; the
     * host's other paths keep whatever it answers. And for every status a problem may carry, the
     * problem an Invitekit handler answered is put back after the error pages the host registered
     * for that status (Javalin runs every error handler of a status, whatever the path, and the
     * plugin's are registered after the host's), so that a host's 404 page, say, does not turn
     * {@code invalid_code} into its own body.
     */
    void registerErrors(RoutesConfig routes, String prefix) {
        for (int status : problemStatuses()) {
            routes.error(status, ctx -> {
                if (restoreAnswered(ctx)) {
                    return;
                }
                if (status == 404 && isApi(ctx, prefix)) {
                    // A path no route matched (a 404 a handler explained was restored above).
                    write(ctx, 404, "not_found", "Not found", "no such resource", Map.of());
                } else if (status == 405 && ctx.path().startsWith(prefix + "/")) {
                    writeUnlessWritten(ctx, 405, "method_not_allowed", "Method not allowed",
                            "this resource does not take " + ctx.method());
                }
            });
        }
    }

    /** Every status an Invitekit problem may carry. */
    private static Set<Integer> problemStatuses() {
        Set<Integer> statuses = new TreeSet<>(List.of(400, 401, 403, 404, 405, 413, 415, 429, 500, 503));
        for (ErrorCode code : ErrorCode.values()) {
            statuses.add(statusOf(code));
        }
        return statuses;
    }

    /** Writes the problem an Invitekit handler answered this request with again, if it did. */
    private static boolean restoreAnswered(Context ctx) {
        Map<String, Object> answered = ctx.attribute(ANSWERED);
        if (answered == null) {
            return false;
        }
        ctx.status((Integer) answered.get("status"));
        Json.reply(ctx, answered);
        ctx.contentType(CONTENT_TYPE);
        return true;
    }

    private void domain(DomainException e, Context ctx) {
        Map<String, Object> extra = new LinkedHashMap<>();
        String detail = e.getMessage();
        if (e instanceof ValidationException validation) {
            extra.put("errors", validation.errors().stream()
                    .map(err -> Map.of("field", WireNames.field(err.field()), "message", err.message())).toList());
            detail = validation.errors().stream()
                    .map(err -> WireNames.field(err.field()) + ": " + err.message())
                    .collect(java.util.stream.Collectors.joining("; "));
        }
        if (e instanceof SubdomainTakenException taken) {
            extra.put("suggestions", taken.suggestions().stream().map(Subdomain::value).toList());
        }
        if (e instanceof RetryLaterException later) {
            ctx.header("Retry-After", Long.toString(later.retryAfterSeconds()));
        }
        if (e.code() == ErrorCode.RATE_LIMITED) {
            metrics.rateLimited(WireNames.code(e.code()));
        }
        int status = statusOf(e.code());
        write(ctx, status, WireNames.code(e.code()), titleOf(e.code()), detail, extra);
    }

    private void beanValidation(ConstraintViolationException e, Context ctx) {
        List<Map<String, String>> errors = e.getConstraintViolations().stream()
                .map(v -> Map.of("field", snakeCase(v.getPropertyPath().toString()), "message", v.getMessage()))
                .sorted((a, b) -> a.get("field").compareTo(b.get("field")))
                .toList();
        write(ctx, 422, WireNames.code(ErrorCode.VALIDATION_FAILED), "Validation failed",
                errors.stream().map(m -> m.get("field") + ": " + m.get("message")).reduce((a, b) -> a + "; " + b).orElse(""),
                Map.of("errors", errors));
    }

    private void http(HttpResponseException e, Context ctx) {
        int status = e.getStatus();
        String code = switch (status) {
            case 413 -> "payload_too_large";
            case 400 -> "malformed_body";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 401 -> "unauthenticated";
            case 429 -> "rate_limited";
            default -> "http_" + status;
        };
        String detail = status == 413 ? "the request body is too large" : "the request was refused";
        write(ctx, status, code, titleOf(status), detail, Map.of());
    }

    private static void writeUnlessWritten(Context ctx, int status, String code, String title, String detail) {
        String written = ctx.res().getContentType();
        if (written == null || !written.startsWith(CONTENT_TYPE)) {
            write(ctx, status, code, title, detail, Map.of());
        }
    }

    /** Writes one problem document. */
    static void write(Context ctx, int status, String code, String title, String detail, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:invitekit:problem:" + code);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("code", code);
        body.putAll(extra);
        ctx.status(status);
        Json.reply(ctx, body);
        ctx.contentType(CONTENT_TYPE);
        ctx.attribute(ANSWERED, body);
    }

    private static boolean isApi(Context ctx, String prefix) {
        String path = ctx.path();
        if (!path.startsWith(prefix)) {
            return false;
        }
        path = path.substring(prefix.length());
        return path.startsWith("/api/") || path.startsWith("/health") || path.equals("/api") || path.equals("/metrics");
    }

    static String snakeCase(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** A refusal of the HTTP adapter's own (not the application's): its status and stable code. */
    static final class Refusal extends RuntimeException {
        private final int status;
        private final String code;
        private final String title;

        Refusal(int status, String code, String title, String detail) {
            super(detail, null, false, false);
            this.status = status;
            this.code = code;
            this.title = title;
        }
    }

    private static String titleOf(ErrorCode code) {
        String words = WireNames.code(code).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static String titleOf(int status) {
        return switch (status) {
            case 400 -> "Malformed body";
            case 401 -> "Unauthenticated";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 413 -> "Payload too large";
            case 429 -> "Rate limited";
            default -> "Error";
        };
    }
}
