package org.medpay.register;

import java.util.List;
import java.util.Optional;

/** The draft was refused; {@link #errors()} lists every bad field, not only the first. */
public class RegisterValidationException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final transient List<FieldError> errors;

    public RegisterValidationException(List<FieldError> errors) {
        super(errors.stream().map(e -> e.field() + ": " + e.code()).toList().toString());
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Optional<FieldError> error(String field) {
        return errors.stream().filter(e -> e.field().equals(field)).findFirst();
    }
}
