package dev.authbisect.venue.cryptocom;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The ways real clients render one parameter's value into the signed paramString. Each style
 * renders the part after the key: {@code paramString = Σ key + style.value(params[key])}.
 *
 * <ul>
 *   <li>{@link #CANONICAL}: the strict server ({@link CanonicalParams}).</li>
 *   <li>{@link #LITERAL}: the same structure, numbers as the literal JSON text the client sent.</li>
 *   <li>{@link #PYTHON}: the official docs' Python {@code params_to_str}: {@code str()} of values
 *       ({@code True}, {@code 1764000000000.0}, dicts as {@code {'a': 1}}), {@code None} as {@code null}.</li>
 *   <li>{@link #PYTHON_STR}: Python {@code str()} of every value, {@code None} included.</li>
 *   <li>{@link #JS}: the official docs' JavaScript {@code objectToString}: JS {@code String()} of
 *       numbers (a double: {@code 6530219599901241143} becomes {@code 6530219599901241000}), no depth limit.</li>
 * </ul>
 */
public enum ParamStyle {
    CANONICAL("canonical (strict server)"),
    LITERAL("literal JSON text"),
    PYTHON("Python str() (official example)"),
    PYTHON_STR("Python str() incl. None"),
    JS("JavaScript String() (official example)");

    private final String label;

    ParamStyle(String label) {
        this.label = label;
    }

    /** How a report names the style. */
    public String label() {
        return label;
    }

    /** The rendering of one top-level parameter's value (without its key). */
    public String value(String key, RawJson value) {
        switch (this) {
            case CANONICAL: {
                ObjectNode single = RawJson.FACTORY.objectNode();
                single.set(key, value.toJsonNode());
                return CanonicalParams.render(single).substring(key.length());
            }
            case LITERAL:
                return literalValueAt(value, 0);
            case PYTHON:
                return value instanceof RawJson.Null ? "null" : pythonValueAt(value, 0);
            case PYTHON_STR:
                return pythonValueAt(value, 0);
            case JS:
                return jsValue(value);
            default:
                throw new IllegalStateException(name());
        }
    }

    /** The whole paramString of a params object in this style, keys sorted. */
    public String render(RawJson.Obj params) {
        StringBuilder out = new StringBuilder();
        for (String key : sortedKeys(params)) {
            out.append(key).append(value(key, params.members().get(key)));
        }
        return out.toString();
    }

    static List<String> sortedKeys(RawJson.Obj obj) {
        List<String> keys = new ArrayList<>(obj.members().keySet());
        Collections.sort(keys);
        return keys;
    }

    // ---- literal: CanonicalParams' structure, numbers as sent ----

    private static String literalValueAt(RawJson v, int level) {
        if (v instanceof RawJson.Arr a) {
            StringBuilder out = new StringBuilder();
            a.elements().forEach(e -> out.append(literalNode(e, level + 1)));
            return out.toString();
        }
        if (v instanceof RawJson.Obj o) {
            return literalNode(o, level + 1);
        }
        return v.text();
    }

    private static String literalNode(RawJson n, int level) {
        if (level >= CanonicalParams.MAX_LEVEL) {
            return n instanceof RawJson.Obj || n instanceof RawJson.Arr ? n.toJson() : n.text();
        }
        if (n instanceof RawJson.Obj o) {
            StringBuilder out = new StringBuilder();
            for (String key : sortedKeys(o)) {
                out.append(key).append(literalValueAt(o.members().get(key), level));
            }
            return out.toString();
        }
        if (n instanceof RawJson.Arr a) {
            StringBuilder out = new StringBuilder();
            a.elements().forEach(e -> out.append(literalNode(e, level + 1)));
            return out.toString();
        }
        return n.text();
    }

    // ---- Python: params_to_str(obj, level) of the official example ----

    private static String pythonValueAt(RawJson v, int level) {
        if (v instanceof RawJson.Arr a) {
            StringBuilder out = new StringBuilder();
            for (RawJson sub : a.elements()) {
                out.append(sub instanceof RawJson.Obj o ? pythonParamsToStr(o, level + 1) : PythonText.str(sub));
            }
            return out.toString();
        }
        return PythonText.str(v);
    }

    private static String pythonParamsToStr(RawJson.Obj obj, int level) {
        if (level >= CanonicalParams.MAX_LEVEL) {
            return PythonText.str(obj);
        }
        StringBuilder out = new StringBuilder();
        for (String key : sortedKeys(obj)) {
            RawJson v = obj.members().get(key);
            out.append(key).append(v instanceof RawJson.Null ? "null" : pythonValueAt(v, level));
        }
        return out.toString();
    }

    // ---- JavaScript: objectToString / arrayToString of the official example ----

    private static String jsValue(RawJson v) {
        if (v instanceof RawJson.Arr a) {
            StringBuilder out = new StringBuilder();
            a.elements().forEach(e -> out.append(jsValue(e)));
            return out.toString();
        }
        if (v instanceof RawJson.Obj o) {
            StringBuilder out = new StringBuilder();
            for (String key : sortedKeys(o)) {
                out.append(key).append(jsValue(o.members().get(key)));
            }
            return out.toString();
        }
        if (v instanceof RawJson.Num n) {
            return JsNumber.toString(Double.parseDouble(n.literal()));
        }
        return v.text();
    }

    /** Python's {@code str()} and {@code repr()} of values {@code json.loads} produces. */
    static final class PythonText {
        private PythonText() {
        }

        static String str(RawJson v) {
            if (v instanceof RawJson.Str s) {
                return s.value();
            }
            return repr(v);
        }

        static String repr(RawJson v) {
            if (v instanceof RawJson.Str s) {
                return quote(s.value());
            }
            if (v instanceof RawJson.Num n) {
                return n.isIntegerLiteral() ? new BigInteger(n.literal()).toString() : floatRepr(Double.parseDouble(n.literal()));
            }
            if (v instanceof RawJson.Bool b) {
                return b.value() ? "True" : "False";
            }
            if (v instanceof RawJson.Null) {
                return "None";
            }
            if (v instanceof RawJson.Arr a) {
                List<String> parts = new ArrayList<>();
                a.elements().forEach(e -> parts.add(repr(e)));
                return "[" + String.join(", ", parts) + "]";
            }
            RawJson.Obj o = (RawJson.Obj) v;
            List<String> parts = new ArrayList<>();
            for (Map.Entry<String, RawJson> e : o.members().entrySet()) {
                parts.add(quote(e.getKey()) + ": " + repr(e.getValue()));
            }
            return "{" + String.join(", ", parts) + "}";
        }

        /** Python's repr of a float: shortest round-trip digits, exponent form below 1e-4 and from 1e16. */
        static String floatRepr(double d) {
            if (Double.isNaN(d)) {
                return "nan";
            }
            if (Double.isInfinite(d)) {
                return d > 0 ? "inf" : "-inf";
            }
            if (d == 0) {
                return (1 / d < 0) ? "-0.0" : "0.0";
            }
            Shortest s = Shortest.of(d);
            int exp = s.pointPosition - 1;
            String sign = d < 0 ? "-" : "";
            if (exp < -4 || exp >= 16) {
                String mantissa = s.digits.length() == 1 ? s.digits : s.digits.charAt(0) + "." + s.digits.substring(1);
                String e = String.valueOf(Math.abs(exp));
                return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + (e.length() < 2 ? "0" + e : e);
            }
            return sign + fixed(s.digits, s.pointPosition, true);
        }

        private static String quote(String s) {
            char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
            StringBuilder out = new StringBuilder().append(q);
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == q || c == '\\') {
                    out.append('\\').append(c);
                } else if (c == '\n') {
                    out.append("\\n");
                } else if (c == '\r') {
                    out.append("\\r");
                } else if (c == '\t') {
                    out.append("\\t");
                } else if (c < 0x20 || c == 0x7f) {
                    out.append(String.format("\\x%02x", (int) c));
                } else {
                    out.append(c);
                }
            }
            return out.append(q).toString();
        }
    }

    /** JavaScript's {@code Number.prototype.toString()} (ECMA-262 Number::toString, radix 10). */
    static final class JsNumber {
        private JsNumber() {
        }

        static String toString(double d) {
            if (Double.isNaN(d)) {
                return "NaN";
            }
            if (Double.isInfinite(d)) {
                return d > 0 ? "Infinity" : "-Infinity";
            }
            if (d == 0) {
                return "0";
            }
            String sign = d < 0 ? "-" : "";
            Shortest s = Shortest.of(d);
            int k = s.digits.length();
            int n = s.pointPosition;
            if (k <= n && n <= 21) {
                return sign + s.digits + "0".repeat(n - k);
            }
            if (0 < n && n <= 21) {
                return sign + s.digits.substring(0, n) + "." + s.digits.substring(n);
            }
            if (-6 < n && n <= 0) {
                return sign + "0." + "0".repeat(-n) + s.digits;
            }
            int e = n - 1;
            String mantissa = k == 1 ? s.digits : s.digits.charAt(0) + "." + s.digits.substring(1);
            return sign + mantissa + "e" + (e >= 0 ? "+" : "-") + Math.abs(e);
        }
    }

    private static String fixed(String digits, int pointPosition, boolean pointZero) {
        if (pointPosition <= 0) {
            return "0." + "0".repeat(-pointPosition) + digits;
        }
        if (pointPosition >= digits.length()) {
            return digits + "0".repeat(pointPosition - digits.length()) + (pointZero ? ".0" : "");
        }
        return digits.substring(0, pointPosition) + "." + digits.substring(pointPosition);
    }

    /**
     * The shortest decimal digits that read back as the same double, and where the decimal
     * point goes: value = 0.digits × 10^pointPosition.
     */
    private record Shortest(String digits, int pointPosition) {
        static Shortest of(double d) {
            BigDecimal exact = new BigDecimal(Math.abs(d));
            for (int precision = 1; precision <= 17; precision++) {
                BigDecimal rounded = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
                if (rounded.doubleValue() == Math.abs(d)) {
                    return from(rounded);
                }
            }
            return from(exact.round(new MathContext(17, RoundingMode.HALF_EVEN)));
        }

        private static Shortest from(BigDecimal value) {
            BigDecimal stripped = value.stripTrailingZeros();
            String digits = stripped.unscaledValue().toString();
            return new Shortest(digits, digits.length() - stripped.scale());
        }
    }
}
