package dev.authbisect.core;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * A logical API call of the matrix (a column within each environment).
 *
 * @param name   the name the probe announces ({@code get_open_orders})
 * @param method the venue method the reference signer sends ({@code private/get-open-orders})
 * @param params the parameters the reference signer sends (numbers kept exact)
 */
public record CallSpec(String name, String method, ObjectNode params) {
    public CallSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(method, "method");
        params = params == null ? JsonNodeFactory.withExactBigDecimals(true).objectNode() : params.deepCopy();
    }

    public static CallSpec of(String name, String method) {
        return new CallSpec(name, method, null);
    }
}
