package io.chat4all.command.message;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.chat4all.events.message.MessagePayload;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A message payload has the field its type needs: {@code text} (1..4096 characters) for a text,
 * a UUID {@code file_id} for a file. A class-level constraint, because which field is required
 * depends on another; each problem is still reported on the field it concerns.
 */
@Documented
@Constraint(validatedBy = PayloadFields.Check.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@interface PayloadFields {

    String message() default "is not a valid payload";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<PayloadFields, SendMessageRequest.Payload> {

        private static final java.util.regex.Pattern UUID = java.util.regex.Pattern.compile(SendMessageRequest.UUID);

        @Override
        public boolean isValid(SendMessageRequest.Payload payload, ConstraintValidatorContext context) {
            if (payload == null || payload.type() == null) {
                return true; // @NotNull's to report
            }
            String problem;
            String field;
            if (MessagePayload.TEXT.equals(payload.type())) {
                field = "text";
                problem = payload.text() == null
                        ? "must not be null"
                        : payload.text().isEmpty() || payload.text().length() > SendMessageRequest.MAX_TEXT_LENGTH
                                ? "length must be between 1 and " + SendMessageRequest.MAX_TEXT_LENGTH
                                : null;
            } else if (MessagePayload.FILE.equals(payload.type())) {
                field = "fileId";
                problem = payload.fileId() == null
                        ? "must not be null"
                        : UUID.matcher(payload.fileId()).matches() ? null : SendMessageRequest.NOT_A_UUID;
            } else {
                return true; // an unknown type is @Pattern's to report
            }
            if (problem == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(problem)
                    .addPropertyNode(field)
                    .addConstraintViolation();
            return false;
        }
    }
}
