package io.solomo.decision;

import org.springframework.beans.TypeMismatchException;
import org.springframework.beans.factory.InjectionPoint;
import org.springframework.beans.factory.UnsatisfiedDependencyException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;

/**
 * Reports a setting injected with {@code @Value("${name:default}")} whose text does not convert to the type of the
 * injection point, for example {@code solomo.coupons.validity=banana}: the "APPLICATION FAILED TO START" block names
 * the setting, the value and the expected form, where Spring alone prints a stack trace naming only the bean.
 *
 * <p>Settings bound with {@code @ConfigurationProperties} get the same report from Spring Boot's own analyzers.
 */
class ValueConversionFailureAnalyzer implements FailureAnalyzer {

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        UnsatisfiedDependencyException unsatisfied = null;
        TypeMismatchException mismatch = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnsatisfiedDependencyException dependency) {
                unsatisfied = dependency;
            } else if (cause instanceof TypeMismatchException typeMismatch) {
                mismatch = typeMismatch;
                break;
            }
        }
        if (unsatisfied == null || mismatch == null || unsatisfied.getInjectionPoint() == null) {
            return null;
        }
        InjectionPoint injectionPoint = unsatisfied.getInjectionPoint();
        Value value = injectionPoint.getAnnotation(Value.class);
        String setting = value == null ? null : settingName(value.value());
        if (setting == null) {
            return null;
        }

        String expected = expectedForm(mismatch.getRequiredType());
        String injectedInto = injectionPoint.getMember().getDeclaringClass().getName();
        String description = "Invalid value '" + mismatch.getValue() + "' for configuration property '" + setting
                + "': it must be " + expected + ".\n\nThe setting is injected into " + injectedInto + ".";
        String action = "Set " + setting + " to " + expected + ", or remove it to use the default.";
        return new FailureAnalysis(description, action, mismatch);
    }

    /** Returns the property name of a placeholder such as {@code ${solomo.coupons.validity:P7D}}, else null. */
    static String settingName(String placeholder) {
        if (!placeholder.startsWith("${") || !placeholder.endsWith("}")) {
            return null;
        }
        String inner = placeholder.substring(2, placeholder.length() - 1);
        int colon = inner.indexOf(':');
        return colon < 0 ? inner : inner.substring(0, colon);
    }

    /** Describes the text that converts to the type, with examples in the forms Spring Boot accepts. */
    static String expectedForm(Class<?> type) {
        if (type == null) {
            return "a value of another type";
        }
        if (type == Duration.class) {
            return "a duration such as PT30S, 5m, 12h or 7d";
        }
        if (type == Period.class) {
            return "a period such as P30D, P24M or 2y";
        }
        if (type == ZoneId.class) {
            return "a time zone id of the IANA database such as Europe/Paris";
        }
        if (type == LocalTime.class) {
            return "a time of day such as 22:00";
        }
        if (type == DataSize.class) {
            return "a size such as 512KB or 10MB";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "a number such as 10 or 2.5";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        return "a value of type " + type.getSimpleName();
    }
}
