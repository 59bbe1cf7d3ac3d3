package io.invitekit.adapter.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.Set;

/** Reads a request body strictly, then checks its Bean Validation constraints. */
final class Bodies {
    private final ObjectMapper mapper;
    private final Validator validator;
    private final long maxBytes;

    Bodies(ObjectMapper mapper, long maxBytes) {
        this.mapper = mapper;
        this.maxBytes = maxBytes;
        try (ValidatorFactory factory = Validation.buildDefaultValidatorFactory()) {
            this.validator = factory.getValidator();
        }
    }

    <T> T read(Context ctx, Class<T> type) {
        if (ctx.bodyAsBytes().length > maxBytes) { // a body sent without a Content-Length
            throw new ContentTooLargeResponse("the request body is larger than " + maxBytes + " bytes");
        }
        T body = Json.read(ctx, mapper, type);
        Set<ConstraintViolation<T>> violations = validator.validate(body);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return body;
    }

    /** For endpoints whose body is optional: an empty body reads as {@code empty}. */
    <T> T readOrDefault(Context ctx, Class<T> type, T empty) {
        return ctx.bodyAsBytes().length == 0 ? empty : read(ctx, type);
    }
}
