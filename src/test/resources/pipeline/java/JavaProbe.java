import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URL;

/** Test probe for the Java fixture: run with `java JavaProbe.java`, the module's classes on CLASSPATH. */
public class JavaProbe {
    public static void main(String[] args) throws Exception {
        String control = System.getenv("AUTHBISECT_CONTROL_URL");
        long now = Long.parseLong(System.getenv().getOrDefault("AUTHBISECT_FIXED_TIME_MS", String.valueOf(System.currentTimeMillis())));
        broker.Client client = new broker.Client(System.getenv("EX_KEY"), System.getenv("EX_SECRET"), System.getenv("EX_BASE"));
        for (String call : System.getenv("AUTHBISECT_CALLS").split(",")) {
            HttpURLConnection c = (HttpURLConnection) new URL(control + "/call/" + call).openConnection(Proxy.NO_PROXY);
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.getOutputStream().close();
            c.getResponseCode();
            String method = call.equals("balance") ? "private/user-balance" : "private/get-open-orders";
            System.out.println(call + " -> HTTP " + client.call(method, now));
        }
    }
}
