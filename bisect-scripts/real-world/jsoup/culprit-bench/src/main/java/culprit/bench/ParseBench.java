package culprit.bench;

import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Parses one generated HTML page with jsoup's public API (Jsoup.parse, stable since 1.x), so the
 * same benchmark compiles against every commit of the range. The page mixes what a tokeniser
 * meets on real pages: nested blocks, tables, attributes (quoted and not), entities and comments.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ParseBench {
  @Param({"200"})
  int rows;

  String html;

  @Setup
  public void setup() {
    StringBuilder b = new StringBuilder("<!DOCTYPE html><html><head><title>culprit &amp; jsoup</title>");
    b.append("<style>td { padding: 2px }</style></head><body>\n");
    for (int i = 0; i < rows; i++) {
      b.append("<div class=\"row r").append(i % 7).append("\" id=r").append(i).append(">");
      b.append("<!-- row ").append(i).append(" -->");
      b.append("<p>Item <b>").append(i).append("</b> costs &euro;").append(i * 3 % 97);
      b.append(" &mdash; <a href='/item?id=").append(i).append("&amp;ref=list'>details</a></p>");
      b.append("<table><tr><td>").append(i).append("</td><td data-x=").append(i * 31 % 101);
      b.append(">text &lt;").append(i % 10).append("&gt;</td><td><img src=\"i").append(i);
      b.append(".png\" alt=\"\"></td></tr></table>");
      b.append("<ul><li>one<li>two<li>three</ul></div>\n");
    }
    b.append("<script>var x = 1 < 2 && 3 > 2;</script></body></html>");
    html = b.toString();
  }

  @Benchmark
  public Document parse() {
    return Jsoup.parse(html);
  }
}
