package dev.authbisect.venue.cryptocom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ParamStyleTest {
    private static RawJson.Obj params(String json) throws Exception {
        return (RawJson.Obj) RawJsonReader.read(json);
    }

    @Test
    void eachStyleRendersNumbersBooleansAndNullsTheWayItsClientsDo() throws Exception {
        RawJson.Obj p = params("{\"t\": 1764000000000.0, \"price\": 8000.000, \"ok\": true, \"n\": null, \"big\": 6530219599901241143}");
        assertEquals("big6530219599901241143nnulloktrueprice8000t1764000000000", ParamStyle.CANONICAL.render(p));
        assertEquals("big6530219599901241143nnulloktrueprice8000.000t1764000000000.0", ParamStyle.LITERAL.render(p));
        assertEquals("big6530219599901241143nnullokTrueprice8000.0t1764000000000.0", ParamStyle.PYTHON.render(p));
        assertEquals("big6530219599901241143nNoneokTrueprice8000.0t1764000000000.0", ParamStyle.PYTHON_STR.render(p));
        assertEquals("big6530219599901241000nnulloktrueprice8000t1764000000000", ParamStyle.JS.render(p));
    }

    @Test
    void canonicalStyleAgreesWithCanonicalParamsOnNestedLists() throws Exception {
        String json = "{\"contingency_type\":\"LIST\",\"order_list\":[{\"price\":\"0.24\",\"quantity\":1.50,\"deep\":{\"x\":[1,{\"y\":2.0}]}}],\"o\":{\"a\":{\"b\":{\"c\":1.0}}}}";
        RawJson.Obj p = params(json);
        assertEquals(CanonicalParams.render(p.toJsonNode()), ParamStyle.CANONICAL.render(p));
    }

    @Test
    void pythonFloatReprMatchesCPython() {
        assertEquals("1764000000000.0", ParamStyle.PythonText.floatRepr(1764000000000.0));
        assertEquals("0.1", ParamStyle.PythonText.floatRepr(0.1));
        assertEquals("1e+16", ParamStyle.PythonText.floatRepr(1e16));
        assertEquals("1000000000000000.0", ParamStyle.PythonText.floatRepr(1e15));
        assertEquals("0.0001", ParamStyle.PythonText.floatRepr(0.0001));
        assertEquals("1e-05", ParamStyle.PythonText.floatRepr(0.00001));
        assertEquals("1.5e-07", ParamStyle.PythonText.floatRepr(1.5e-7));
        assertEquals("-2.5", ParamStyle.PythonText.floatRepr(-2.5));
        assertEquals("0.30000000000000004", ParamStyle.PythonText.floatRepr(0.1 + 0.2));
    }

    @Test
    void javaScriptNumberToStringMatchesEcmaScript() {
        assertEquals("1764000000000", ParamStyle.JsNumber.toString(1764000000000.0));
        assertEquals("1e+21", ParamStyle.JsNumber.toString(1e21));
        assertEquals("100000000000000000000", ParamStyle.JsNumber.toString(1e20));
        assertEquals("0.000001", ParamStyle.JsNumber.toString(1e-6));
        assertEquals("1e-7", ParamStyle.JsNumber.toString(1e-7));
        assertEquals("1.5", ParamStyle.JsNumber.toString(1.5));
        assertEquals("-0.25", ParamStyle.JsNumber.toString(-0.25));
        assertEquals("6530219599901241000", ParamStyle.JsNumber.toString(6530219599901241143.0));
    }

    @Test
    void pythonRendersNestedDictsAsStrOfTheDict() throws Exception {
        RawJson.Obj p = params("{\"o\": {\"a\": \"x\", \"b\": false, \"c\": [1, 2.50]}}");
        assertEquals("o{'a': 'x', 'b': False, 'c': [1, 2.5]}", ParamStyle.PYTHON.render(p));
    }
}
