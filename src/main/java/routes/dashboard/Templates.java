package routes.dashboard;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import java.io.StringWriter;
import java.util.Set;
import org.apache.camel.Body;

/**
 * The dashboard's pages: mustache templates from the jar (dashboard/*.mustache), compiled once.
 * Mustache escapes every {{value}} as HTML: questions, answers and names are untrusted text, and
 * no template uses the unescaped form.
 */
public class Templates {

    static final Set<String> PAGES = Set.of("home", "error", "overview", "questions", "question", "gaps");

    private final MustacheFactory factory = new DefaultMustacheFactory("dashboard");

    /** The page named, with the model in the body; only the fixed list of pages, never a name from a request. */
    public String render(@Body Object model, String page) {
        if (!PAGES.contains(page)) {
            throw new IllegalArgumentException("no dashboard page " + page);
        }
        Mustache template = factory.compile(page + ".mustache");
        StringWriter html = new StringWriter();
        template.execute(html, model);
        return html.toString();
    }
}
