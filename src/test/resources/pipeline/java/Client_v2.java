package broker;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** A tiny Crypto.com-style client (test fixture), compiled by the target's build command. */
public final class Client {
    private final String key;
    private final String secret;
    private final String base;

    public Client(String key, String secret, String base) {
        this.key = key;
        this.secret = secret;
        this.base = base;
    }

    /** Makes a private call with empty params; returns the HTTP status. */
    public int call(String method, long nonce) throws Exception {
        String sig = hmac(secret.trim().toUpperCase(), method + "1" + key + nonce);
        String body = "{\"id\":1,\"method\":\"" + method + "\",\"params\":{},\"api_key\":\"" + key + "\",\"nonce\":" + nonce
                + ",\"sig\":\"" + sig + "\"}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/" + method))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    static String hmac(String secret, String payload) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes("UTF-8"), "HmacSHA256"));
        StringBuilder hex = new StringBuilder();
        for (byte b : mac.doFinal(payload.getBytes("UTF-8"))) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }
}
