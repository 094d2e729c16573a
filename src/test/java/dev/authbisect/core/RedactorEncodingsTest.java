package dev.authbisect.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A probe that prints a secret base64-, hex- or URL-encoded does not get it past the redactor. */
class RedactorEncodingsTest {
    static final String KEY = "raHZAk1MDkAWviDpcBxAWU";
    static final String SECRET = "s3cr3t/with+odd chars=&é~";
    final Redactor redactor = Redactor.create(new byte[] {7}).with(Credentials.of(KEY, SECRET));

    private void assertHidden(String value, String text) {
        String out = redactor.redact(text);
        for (Map.Entry<String, String> form : SecretForms.of(value).entrySet()) {
            assertFalse(out.contains(form.getValue()), form.getKey() + " form left in: " + out);
        }
        for (String core : SecretForms.base64Cores(value)) {
            assertFalse(out.contains(core), "base64 of it left in: " + out);
        }
    }

    @Test
    void everyEncodedFormOfTheSecretIsHidden() {
        for (Map.Entry<String, String> form : SecretForms.of(SECRET).entrySet()) {
            String line = "debug " + form.getKey() + "=" + form.getValue() + " end";
            assertHidden(SECRET, line);
            assertTrue(redactor.redact(line).contains("***"), form.getKey() + ": " + redactor.redact(line));
        }
    }

    @Test
    void theSecretInsideALargerBase64TextIsHiddenAtEveryAlignment() {
        for (String embedded : SecretForms.embeddings(SECRET)) {
            assertHidden(SECRET, "Authorization: " + embedded);
        }
        for (String embedded : SecretForms.embeddings(KEY)) {
            assertHidden(KEY, "Authorization: " + embedded);
        }
    }

    @Test
    void encodedKeysAreHiddenButTheKeyIdStaysVisible() {
        for (Map.Entry<String, String> form : SecretForms.of(KEY).entrySet()) {
            String out = redactor.redact("key " + form.getValue());
            assertFalse(out.contains(form.getValue()), form.getKey() + ": " + out);
        }
        assertEquals("key " + redactor.keyId(KEY), redactor.redact("key " + KEY));
    }

    @Test
    void ordinaryTextIsLeftAlone() {
        String text = "GET /exchange/v1/private/get-open-orders 200 {\"code\":0} aGVsbG8gd29ybGQ= 48656c6c6f";
        assertEquals(text, redactor.redact(text));
        assertEquals(List.of("a", "b"), List.of(redactor.redact("a"), redactor.redact("b")));
    }
}
