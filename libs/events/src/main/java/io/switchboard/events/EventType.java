package io.switchboard.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names an event payload on the wire. A payload class never changes its name or repurposes a field;
 * a breaking change is a new class with the same name and a higher version.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventType {
    String name();

    int version() default 1;
}
