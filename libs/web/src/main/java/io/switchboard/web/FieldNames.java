package io.switchboard.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies.NamingBase;
import com.fasterxml.jackson.databind.PropertyNamingStrategy;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;

import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a bean-validation property path into the JSON field name a client sent, honouring
 * {@code @JsonProperty} and the application's naming strategy ({@code menuId} → {@code menu_id}).
 */
final class FieldNames {
    private FieldNames() {
    }

    static String of(ConstraintViolation<?> violation, ObjectMapper mapper) {
        List<String> names = new ArrayList<>();
        Class<?> owner = violation.getRootBeanClass();
        String parameter = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
                owner = null;
            } else if (node.getKind() == ElementKind.PROPERTY) {
                Class<?> declaring = owner != null ? owner : violation.getLeafBean() == null ? null : violation.getLeafBean().getClass();
                names.add(jsonName(declaring, node.getName(), mapper) + (node.getIndex() == null ? "" : "[" + node.getIndex() + "]"));
                owner = null;
            }
        }
        if (names.isEmpty()) {
            return parameter == null ? "body" : parameter;
        }
        return String.join(".", names);
    }

    private static String jsonName(Class<?> declaring, String property, ObjectMapper mapper) {
        for (Class<?> type = declaring; type != null && type != Object.class; type = type.getSuperclass()) {
            JsonProperty annotation = annotationOf(type, property);
            if (annotation != null && !annotation.value().isEmpty()) {
                return annotation.value();
            }
        }
        PropertyNamingStrategy strategy = mapper.getPropertyNamingStrategy();
        return strategy instanceof NamingBase naming ? naming.translate(property) : property;
    }

    private static JsonProperty annotationOf(Class<?> type, String property) {
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                if (component.getName().equals(property)) {
                    return component.getAnnotation(JsonProperty.class) != null
                            ? component.getAnnotation(JsonProperty.class)
                            : component.getAccessor().getAnnotation(JsonProperty.class);
                }
            }
        }
        try {
            Field field = type.getDeclaredField(property);
            return field.getAnnotation(JsonProperty.class);
        } catch (NoSuchFieldException e) {
            return null;
        }
    }
}
