package dev.authbisect.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authbisect.venue.cryptocom.CanonicalParams;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** A test client for the simulator over real HTTP (OkHttp): signs with the canonical rendering, optionally claims an egress IP. */
final class SimClient {
    static final MediaType JSON = MediaType.get("application/json");
    /** Reads answers with exact numbers, as the exchange writes them. */
    static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true)).build();

    /** An answer: HTTP status, envelope (null when the body is not JSON) and the simulator's reason. */
    record Reply(int status, JsonNode body, String reason, String rawBody) {
        int code() {
            return body == null ? -1 : body.path("code").asInt(-1);
        }
    }

    private final OkHttpClient http;
    private final SimulatorServer server;
    private final Map<String, String> headers = new LinkedHashMap<>();

    SimClient(SimulatorServer server) {
        this(server, Duration.ofSeconds(10));
    }

    SimClient(SimulatorServer server, Duration readTimeout) {
        this.server = server;
        this.http = new OkHttpClient.Builder().readTimeout(readTimeout).retryOnConnectionFailure(false).build();
    }

    /** Requests claim {@code ip} as egress, with the server's trust token. */
    SimClient from(String ip) {
        return withHeader(SimulatorServer.EGRESS_IP_HEADER, ip).withHeader(SimulatorServer.RELAY_TOKEN_HEADER, server.trustToken());
    }

    SimClient withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** A signed v1 private call with id = nonce = the scenario clock. */
    Reply call(String method, String apiKey, String secret, String paramsJson) {
        long nonce = server.nowMillis();
        return signed(server.url("/exchange/v1"), method, apiKey, secret, paramsJson, nonce);
    }

    Reply callV2(String method, String apiKey, String secret, String paramsJson) {
        return signed(server.url("/v2"), method, apiKey, secret, paramsJson, server.nowMillis());
    }

    Reply signed(URI base, String method, String apiKey, String secret, String paramsJson, long nonce) {
        ObjectNode params = (ObjectNode) read(paramsJson);
        String sig = CanonicalParams.hmacHex(secret, CanonicalParams.stringToSign(method, Long.toString(nonce), apiKey,
                CanonicalParams.render(params), Long.toString(nonce)));
        String body = "{\"id\":" + nonce + ",\"method\":\"" + method + "\",\"params\":" + paramsJson
                + ",\"api_key\":\"" + apiKey + "\",\"sig\":\"" + sig + "\",\"nonce\":" + nonce + "}";
        return post(base, method, body);
    }

    Reply post(URI base, String method, String body) {
        return send(new Request.Builder().url(base + "/" + method).post(RequestBody.create(body, JSON)));
    }

    Reply postBytes(URI base, String method, byte[] body) {
        return send(new Request.Builder().url(base + "/" + method).post(RequestBody.create(body, JSON)));
    }

    Reply get(String pathAndQuery) {
        return send(new Request.Builder().url(server.baseUrl() + pathAndQuery).get());
    }

    /** Sends and returns the reply; transport failures surface as {@link IOException}. */
    Reply sendOrThrow(Request.Builder builder) throws IOException {
        headers.forEach(builder::header);
        try (Response r = http.newCall(builder.build()).execute()) {
            String text = r.body().string();
            JsonNode json = null;
            try {
                json = MAPPER.readTree(text);
            } catch (IOException notJson) {
                // keep null: e.g. a 5xx page
            }
            return new Reply(r.code(), json, r.header(SimulatorServer.REASON_HEADER), text);
        }
    }

    private Reply send(Request.Builder builder) {
        try {
            return sendOrThrow(builder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A scenario from YAML text, as a file would give it. */
    static Scenario scenario(String yaml) {
        return ScenarioLoader.parse(yaml, "test.yaml", name -> null);
    }
}
