package io.chat4all.command.file;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A chunk size within {@code chat4all.files.min-chunk-size} .. {@code max-chunk-size}: limits from
 * configuration, which an annotation's constant {@code @Min}/{@code @Max} cannot name. Null is valid
 * (the default chunk size applies).
 */
@Documented
@Constraint(validatedBy = AllowedChunkSize.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@interface AllowedChunkSize {

    String message() default "must be an allowed chunk size";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks {@link AllowedChunkSize}; Spring's validator factory hands it the settings. */
    final class Validator implements ConstraintValidator<AllowedChunkSize, Long> {

        private final FileSettings settings;

        Validator(FileSettings settings) {
            this.settings = settings;
        }

        @Override
        public boolean isValid(Long chunkSize, ConstraintValidatorContext context) {
            long min = settings.minChunkSize().toBytes();
            long max = settings.maxChunkSize().toBytes();
            if (chunkSize == null || chunkSize >= min && chunkSize <= max) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate("must be between " + min + " and " + max)
                    .addConstraintViolation();
            return false;
        }
    }
}
