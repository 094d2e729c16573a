package dev.authbisect.venue.binance;

import static dev.authbisect.venue.binance.BinanceSignTest.DOC;
import static dev.authbisect.venue.binance.BinanceSignTest.DOC_KEY;
import static dev.authbisect.venue.binance.BinanceSignTest.DOC_PARAMS;
import static dev.authbisect.venue.binance.BinanceSignTest.DOC_SECRET;
import static dev.authbisect.venue.binance.BinanceSignTest.DOC_SIGNATURE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbisect.core.Credentials;
import dev.authbisect.core.SignatureCheck;
import dev.authbisect.core.SignatureCheck.Finding;
import dev.authbisect.core.SignatureCheck.Status;
import dev.authbisect.venue.RawRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The verifier on real HMAC vectors (Binance's documented examples, and variants computed with
 * Python's hmac module): what is VALID, and for what is not, the diagnosis names what differs.
 */
class BinanceVerifyTest {
    private final BinanceSpotVenue venue = new BinanceSpotVenue();

    private static RawRequest get(String query) {
        return new RawRequest("GET", "/api/v3/order", query, Map.of("X-MBX-APIKEY", List.of(DOC_KEY)), null);
    }

    private static RawRequest post(String query, String body) {
        return new RawRequest("POST", "/api/v3/order", query, Map.of("X-MBX-APIKEY", List.of(DOC_KEY),
                "Content-Type", List.of("application/x-www-form-urlencoded")), body.getBytes(StandardCharsets.UTF_8));
    }

    private SignatureCheck verify(RawRequest r) {
        return venue.verify(r, DOC);
    }

    private static List<String> kinds(SignatureCheck c) {
        return c.findings().stream().map(Finding::kind).toList();
    }

    @Test
    void theDocumentedExamplesAreValidInTheQueryInTheBodyAndSplitBetweenThem() {
        assertEquals(Status.VALID, verify(get(DOC_PARAMS + "&signature=" + DOC_SIGNATURE)).status());
        assertEquals(Status.VALID, verify(post("", DOC_PARAMS + "&signature=" + DOC_SIGNATURE)).status());
        // Binance's example 3: query and body concatenated with no '&' between them
        assertEquals(Status.VALID, verify(post("symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC",
                "quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559"
                        + "&signature=0fd168b8ddb4876a0358a8d14d0c9f3da0e9b20c5d52b2a00fcf7d1c602f9a77")).status());
    }

    @Test
    void upperCaseHexIsValidBecauseBinanceTreatsTheSignatureCaseInsensitively() {
        SignatureCheck c = verify(get(DOC_PARAMS + "&signature=" + DOC_SIGNATURE.toUpperCase(Locale.ROOT)));
        assertEquals(Status.VALID, c.status());
        assertTrue(c.summary().contains("upper-case"), c.summary());
    }

    @Test
    void aParameterAppendedAfterTheSignatureIsNamedAsAddedAfterSigning() {
        SignatureCheck c = verify(get("symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&timestamp=1499827319559"
                + "&signature=9659e254ed3eca1e98c9f265ee029ded1468ef79e4043570bac029a9643f6a0b&recvWindow=5000"));
        assertEquals(Status.INVALID, c.status());
        assertEquals(List.of("SIGNATURE_NOT_LAST", "PARAM_ADDED_AFTER_SIGNING"), kinds(c));
        assertEquals("recvWindow", c.findings().get(0).component(), "what follows the signature");
        assertEquals("recvWindow", c.findings().get(1).component());
        assertTrue(c.summary().contains("recvWindow was added after signing"), c.summary());
    }

    @Test
    void aParameterInsertedBeforeTheSignatureButNotSignedIsNamed() {
        SignatureCheck c = verify(get(DOC_PARAMS + "&signature=9659e254ed3eca1e98c9f265ee029ded1468ef79e4043570bac029a9643f6a0b"));
        assertEquals(Status.INVALID, c.status());
        assertEquals(List.of(new Finding("PARAM_ADDED_AFTER_SIGNING", "recvWindow", "", "recvWindow=5000")), c.findings());
    }

    @Test
    void aSignatureThatCoversEverythingButIsNotLastIsStillInvalid() {
        SignatureCheck c = verify(get("symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000"
                + "&signature=" + DOC_SIGNATURE + "&timestamp=1499827319559"));
        assertEquals(Status.INVALID, c.status());
        assertEquals(List.of("SIGNATURE_NOT_LAST"), kinds(c));
        assertTrue(c.summary().contains("covers every other parameter but is not sent last (timestamp follow"), c.summary());
    }

    @Test
    void parametersSignedInAnotherOrderAreNamedWithBothOrders() {
        SignatureCheck c = verify(get(DOC_PARAMS + "&signature=70fd30433bc3a2e3b5ff17d075e50538dde3734841da6dc28d79113dd37fa9c7"));
        assertEquals(Status.INVALID, c.status());
        assertEquals(List.of("PARAM_ORDER"), kinds(c));
        assertEquals("price, quantity, recvWindow, side, symbol, timeInForce, timestamp, type", c.findings().get(0).client());
        assertEquals("symbol, side, type, timeInForce, quantity, price, recvWindow, timestamp", c.findings().get(0).canonical());
    }

    @Test
    void aFloatSignedInAnotherRenderingThanSentIsNamedWithBothTexts() {
        SignatureCheck c = verify(get(DOC_PARAMS + "&signature=5b579dcfc74879032b0abcca166529b8a88e5dbf486a08f1863dc54cb74afd79"));
        assertEquals(Status.INVALID, c.status());
        assertEquals(List.of(new Finding("PARAM_RENDERING", "quantity", "1.0", "1")), c.findings());
        assertTrue(c.summary().contains("param quantity signed as '1.0' but sent as '1'"), c.summary());
    }

    @Test
    void aTimestampReadAgainAfterSigningIsNamed() {
        SignatureCheck c = verify(get(DOC_PARAMS + "&signature=344f3c343d54ec8eff7d6ecae05da1341da3faedcd2361db56e2e81e9fcdf98e"));
        assertEquals(List.of(new Finding("TIMESTAMP_TEXT", "timestamp", "1499827319556", "1499827319559")), c.findings());
    }

    @Test
    void aSecretWithATrailingNewlineIsNamedWithoutShowingTheSecret() {
        SignatureCheck c = verify(get(DOC_PARAMS + "&signature=f66a323568bd5abc926984cf0fbfd45786f80abe044fe55dbf80a193769fa5a1"));
        assertEquals(List.of("SECRET_TEXT"), kinds(c));
        assertTrue(c.summary().contains("trailing newline"), c.summary());
        assertFalse(c.toString().contains(DOC_SECRET));
    }

    @Test
    void anotherSecretIsWrongSecretAndNeverShowsEitherSecret() {
        SignatureCheck c = verify(get(DOC_PARAMS + "&signature=67fb17e85cf68d71b808e2f1343705cedfe2bba35e6c701bf93485d71d9dc5d7"));
        assertEquals(Status.INVALID, c.status());
        assertEquals(List.of("WRONG_SECRET"), kinds(c));
        assertFalse(c.toString().contains(DOC_SECRET));
    }

    @Test
    void anotherKeyOrNoKeyHeaderIsWrongKey() {
        SignatureCheck other = venue.verify(get(DOC_PARAMS + "&signature=" + DOC_SIGNATURE), Credentials.of("otherKey", DOC_SECRET));
        assertEquals(Status.WRONG_KEY, other.status());
        RawRequest noHeader = new RawRequest("GET", "/api/v3/order", DOC_PARAMS + "&signature=" + DOC_SIGNATURE, Map.of(), null);
        SignatureCheck none = verify(noHeader);
        assertEquals(Status.WRONG_KEY, none.status());
        assertTrue(none.summary().contains("no X-MBX-APIKEY"), none.summary());
    }

    @Test
    void noSignatureIsUnsignedAndAMalformedOneIsNamed() {
        assertEquals(Status.UNSIGNED, verify(get(DOC_PARAMS)).status());
        SignatureCheck shortSig = verify(get(DOC_PARAMS + "&signature=abc"));
        assertEquals(List.of("SIG_FORMAT"), kinds(shortSig));
        SignatureCheck twice = verify(get(DOC_PARAMS + "&signature=" + DOC_SIGNATURE + "&signature=" + DOC_SIGNATURE));
        assertEquals(List.of("DUPLICATE_SIGNATURE"), kinds(twice));
    }

    @Test
    void valuesSignedUnencodedButSentEncodedAreNamed() {
        // signed: symbols=["BTCUSDT","BNBUSDT"]&timestamp=1499827319559 ; sent form-encoded
        SignatureCheck c = verify(get("symbols=%5B%22BTCUSDT%22%2C%22BNBUSDT%22%5D&timestamp=1499827319559"
                + "&signature=e3ee69395f8ac18b6d4678f3b434cf11f08ef8b669949a014cb35c35b6e4b24e"));
        assertEquals(List.of("PARAM_ENCODING"), kinds(c));
        assertEquals("symbols", c.findings().get(0).component());
    }
}
