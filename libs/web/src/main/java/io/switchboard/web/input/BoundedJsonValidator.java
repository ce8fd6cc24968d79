package io.switchboard.web.input;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;

import java.util.Optional;

/**
 * Applies {@link BoundedJson}: the first entry beyond a limit is the violation, its path inside the
 * value is handed to the problem mapper as the violation's dynamic payload (so {@code errors[].field}
 * names the entry, not just the field holding the value).
 */
public class BoundedJsonValidator implements ConstraintValidator<BoundedJson, Object> {
    private JsonLimits limits;

    @Override
    public void initialize(BoundedJson annotation) {
        this.limits = JsonLimits.of(annotation);
    }

    @Override
    public boolean isValid(Object value, ConstraintValidatorContext context) {
        Optional<JsonLimits.Violation> violation = limits.check(value);
        if (violation.isEmpty()) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        HibernateConstraintValidatorContext hibernate = context.unwrap(HibernateConstraintValidatorContext.class);
        if (!violation.get().path().isEmpty()) {
            hibernate.withDynamicPayload(violation.get().path());
        }
        // The message is built from limits, never from the client's data; escaped all the same.
        hibernate.buildConstraintViolationWithTemplate(violation.get().message().replace("\\", "\\\\")
                        .replace("{", "\\{").replace("}", "\\}").replace("$", "\\$"))
                .addConstraintViolation();
        return false;
    }
}
