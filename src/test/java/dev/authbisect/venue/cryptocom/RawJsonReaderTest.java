package dev.authbisect.venue.cryptocom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class RawJsonReaderTest {
    @Test
    void numbersKeepTheirLiteralTextWhateverTheirSize() throws Exception {
        RawJson.Obj o = (RawJson.Obj) RawJsonReader.read("{\"a\": 1764000000000.0, \"b\": 8000.000, \"c\": 1E+3, \"d\": -0, "
                + "\"e\": 123456789012345678901234567890.12345678901234567890}");
        assertEquals(List.of("1764000000000.0", "8000.000", "1E+3", "-0", "123456789012345678901234567890.12345678901234567890"),
                o.members().values().stream().map(RawJson::text).toList());
        assertEquals(new BigDecimal("123456789012345678901234567890.12345678901234567890"),
                ((RawJson.Num) o.get("e").orElseThrow()).decimal());
    }

    @Test
    void membersKeepTheOrderSentAndARepeatedNameKeepsItsFirstPlaceAndLastValue() throws Exception {
        RawJson.Obj o = (RawJson.Obj) RawJsonReader.read("{\"z\":1,\"a\":2,\"z\":3}");
        assertEquals(List.of("z", "a"), List.copyOf(o.members().keySet()));
        assertEquals("3", o.get("z").orElseThrow().text());
    }

    @Test
    void theExactTreeConvertsToJacksonWithoutLosingDigits() throws Exception {
        RawJson v = RawJsonReader.read("{\"big\": 6530219599901241143, \"f\": 0.1000}");
        assertEquals("6530219599901241143", v.toJsonNode().get("big").bigIntegerValue().toString());
        assertEquals(new BigDecimal("0.1000"), v.toJsonNode().get("f").decimalValue());
        assertEquals("{\"big\":6530219599901241143,\"f\":0.1000}", v.toJson());
    }

    @Test
    void malformedBodiesSayWhatIsWrong() {
        assertTrue(assertThrows(RawJsonReader.MalformedJsonException.class, () -> RawJsonReader.read("{\"a\":"))
                .getMessage().startsWith("not JSON"));
        assertTrue(assertThrows(RawJsonReader.MalformedJsonException.class, () -> RawJsonReader.read("{} {}"))
                .getMessage().startsWith("trailing content"));
        assertTrue(assertThrows(RawJsonReader.MalformedJsonException.class, () -> RawJsonReader.read(""))
                .getMessage().startsWith("empty body"));
    }

    @Test
    void stringsAreDecodedAndReEncoded() throws Exception {
        RawJson v = RawJsonReader.read("\"a\\\"b\\n\\u00e9\"");
        assertEquals("a\"b\né", v.text());
        assertEquals("\"a\\\"b\\né\"", v.toJson());
    }
}
