package io.switchboard.web.input;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a request-body parameter: the body may be absent (or {@code null}) and the method gets
 * {@code null}. Without it, an endpoint that reads a body refuses a missing one with 400
 * ({@link BodyGuard}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface OptionalBody {
}
