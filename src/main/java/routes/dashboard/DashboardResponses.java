package routes.dashboard;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * What every dashboard response carries: none of the request's headers (a Cookie must not be
 * echoed), a Content-Security-Policy that allows only this host, and no caching of private pages.
 * A refused request becomes the error page, with its status and one sentence.
 */
public class DashboardResponses {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DashboardResponses.class);

    static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'none'; object-src 'none';"
            + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /** After a template: the page as HTML, with the security headers. */
    public void html(Exchange exchange) {
        Message out = exchange.getMessage();
        Integer status = exchange.getVariable("status", Integer.class);
        String cookie = exchange.getVariable("setCookie", String.class);
        String location = exchange.getVariable("location", String.class);
        out.removeHeaders("*");
        secure(out);
        out.setHeader("Content-Type", "text/html; charset=utf-8");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status == null ? 200 : status);
        if (cookie != null) {
            out.setHeader("Set-Cookie", cookie);
        }
        if (location != null) {
            out.setHeader("Location", location);
        }
    }

    /** The stylesheet, from the jar: cacheable, it holds nothing private. */
    public void stylesheet(Exchange exchange) throws java.io.IOException {
        Message out = exchange.getMessage();
        try (java.io.InputStream css = DashboardResponses.class.getResourceAsStream("/dashboard/dashboard.css")) {
            out.setBody(new String(css.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
        out.removeHeaders("*");
        secure(out);
        out.setHeader("Content-Type", "text/css; charset=utf-8");
        out.setHeader("Cache-Control", "public, max-age=3600");
    }

    /** A redirect (after login, logout, or to Discord's authorize page): no body. */
    public void redirect(Exchange exchange) {
        exchange.setVariable("status", exchange.getVariable("status") == null ? 303 : exchange.getVariable("status"));
        html(exchange);
        exchange.getMessage().setBody("");
    }

    /** An export: streamed, as an attachment. */
    public void download(Exchange exchange) {
        Message out = exchange.getMessage();
        String format = exchange.getVariable("format", String.class);
        String guild = exchange.getVariable("guild", GuildView.class).id();
        out.removeHeaders("*");
        secure(out);
        out.setHeader("Content-Type", "csv".equals(format) ? "text/csv; charset=utf-8" : "application/json; charset=utf-8");
        out.setHeader("Content-Disposition", "attachment; filename=\"rtfm-questions-" + guild + "." + format + "\"");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
    }

    /** The model of the error page; the status goes on the response (onException in dashboard-errors). */
    public Map<String, Object> error(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (!(failure instanceof DashboardException)) {
            LOG.error("Dashboard request {} failed: {}", exchange.getFromRouteId(), failure == null ? "?" : failure.toString());
        }
        int status = failure instanceof DashboardException refused ? refused.status() : 500;
        String message = failure instanceof DashboardException ? failure.getMessage()
                : "Something went wrong on the server; the log has the details.";
        exchange.setVariable("status", status);
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("title", "Error " + status);
        page.put("status", status);
        page.put("message", message);
        page.put("login", status == 401);
        return page;
    }

    private static void secure(Message out) {
        out.setHeader("Content-Security-Policy", CSP);
        out.setHeader("X-Content-Type-Options", "nosniff");
        out.setHeader("Referrer-Policy", "same-origin");
        out.setHeader("Cache-Control", "no-store");
    }
}
