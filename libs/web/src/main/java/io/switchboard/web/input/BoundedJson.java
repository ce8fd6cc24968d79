package io.switchboard.web.input;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Limits for a free-form JSON value ({@code Map<String, Object>}, {@code JsonNode}, a custom-data
 * value, …): at most {@link #maxEntries()} entries in each object or array, keys of at most
 * {@link #maxKeyLength()} characters, strings of at most {@link #maxStringLength()} characters and
 * at most {@link #maxDepth()} levels of nesting. A violation names the offending entry
 * ({@code chat.context.value.order_id}).
 */
@Documented
@Constraint(validatedBy = BoundedJsonValidator.class)
@Target({ElementType.METHOD, ElementType.FIELD, ElementType.ANNOTATION_TYPE, ElementType.CONSTRUCTOR,
        ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface BoundedJson {
    String message() default "exceeds the limits of a free-form value";

    int maxEntries() default 100;

    int maxKeyLength() default 255;

    int maxStringLength() default 2_000;

    int maxDepth() default 8;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
