package jakarta.validation.constraints;

import java.lang.annotation.*;

/** Test stand-in with Bean Validation's name: POET reads constraints by name from the class file. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.PARAMETER})
public @interface NotBlank {
}
