package io.solomo.decision.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code @RequestBody} type whose JSON must not contain fields it does not declare, in itself and in the
 * objects nested in it. Spring MVC then rejects such a body with a 400 problem that names the unknown field and lists
 * the accepted ones, as {@code POST /api/v1/decisions} does, instead of dropping the field.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RejectUnknownFields {
}
