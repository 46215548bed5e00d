package org.adjoint4j.cli;

import com.lowagie.text.DocumentException;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.DefaultFontMapper;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.batik.svggen.SVGGraphics2D;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.w3c.dom.Document;

/**
 * Line and scatter plots written as PNG (raster, 1000 pixels wide), SVG (Apache Batik) or PDF
 * (OpenPDF), chosen by the file's ending; the vector formats draw the same chart through their
 * {@code Graphics2D}. The JVM runs headless for them, so they work on servers and in CI.
 */
public final class Plots {

    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b)};

    /**
     * A named curve: points (t, value), drawn as a line, as markers, or as steps (t may be any abscissa).
     *
     * @param name the legend entry
     * @param t abscissae
     * @param values ordinates (NaN points are skipped)
     * @param style how to draw it
     * @param color palette index (curves of one state share it)
     */
    public record Curve(String name, double[] t, double[] values, Style style, int color) {
    }

    /** How a curve is drawn. */
    public enum Style {
        /** A line through the points. */
        LINE,
        /** A marker at each point. */
        MARKERS,
        /** A piecewise-constant step from each point to the next. */
        STEPS
    }

    private Plots() {
    }

    /** The endings {@link #write} knows, with a dot. */
    static final List<String> FORMATS = List.of(".png", ".svg", ".pdf");

    /**
     * One or more panels sharing the time axis.
     *
     * @param file the file: .png, .svg or .pdf
     * @param title the chart title
     * @param panels the curves of each panel, top to bottom, with the panel's y-axis label first
     * @param labels the y-axis label of each panel
     * @throws IOException if the file cannot be written
     */
    public static void write(Path file, String title, List<List<Curve>> panels, List<String> labels)
            throws IOException {
        write(file, title, panels, labels, new boolean[panels.size()]);
    }

    /**
     * One or more panels sharing the time axis, some on a logarithmic axis.
     *
     * @param file the file: .png, .svg or .pdf
     * @param title the chart title
     * @param panels the curves of each panel, top to bottom
     * @param labels the y-axis label of each panel
     * @param logarithmic whether each panel's y axis is logarithmic (non-positive values are skipped)
     * @throws IOException if the file cannot be written
     */
    public static void write(Path file, String title, List<List<Curve>> panels, List<String> labels,
            boolean[] logarithmic) throws IOException {
        write(file, title, panels, labels, logarithmic, "t");
    }

    /**
     * One or more panels sharing an abscissa other than time.
     *
     * @param file the file: .png, .svg or .pdf
     * @param title the chart title
     * @param panels the curves of each panel, top to bottom
     * @param labels the y-axis label of each panel
     * @param logarithmic whether each panel's y axis is logarithmic
     * @param abscissa the x axis label
     * @throws IOException if the file cannot be written
     */
    public static void write(Path file, String title, List<List<Curve>> panels, List<String> labels,
            boolean[] logarithmic, String abscissa) throws IOException {
        System.setProperty("java.awt.headless", "true");
        NumberAxis x = new NumberAxis(abscissa);
        x.setAutoRangeIncludesZero(false);
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(x);
        combined.setGap(12);
        for (int p = 0; p < panels.size(); p++) {
            XYPlot panel = panel(panels.get(p), labels.get(p), logarithmic[p]);
            // The first (largest) panel holds the data and fits; residual panels are smaller.
            combined.add(panel, p == 0 ? 2 : 1);
        }
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, combined, true);
        chart.setBackgroundPaint(Color.WHITE);
        int width = 1000;
        int height = 360 + 280 * panels.size();
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".svg")) {
            svg(file, chart, width, height);
        } else if (name.endsWith(".pdf")) {
            pdf(file, chart, width, height);
        } else if (name.endsWith(".png")) {
            ChartUtils.saveChartAsPNG(file.toFile(), chart, width, height);
        } else {
            throw new IllegalArgumentException("plot " + file + ": give a name ending in .png, .svg or .pdf");
        }
    }

    private static void svg(Path file, JFreeChart chart, int width, int height) throws IOException {
        Document document;
        try {
            document = DocumentBuilderFactory.newInstance().newDocumentBuilder().getDOMImplementation()
                    .createDocument("http://www.w3.org/2000/svg", "svg", null);
        } catch (ParserConfigurationException e) {
            throw new IOException("no XML document builder for SVG: " + e.getMessage(), e);
        }
        SVGGraphics2D g = new SVGGraphics2D(document);
        g.setSVGCanvasSize(new Dimension(width, height));
        chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            g.stream(out, true);
        }
    }

    private static void pdf(Path file, JFreeChart chart, int width, int height) throws IOException {
        // One page of the chart's size in points; text in the PDF's standard fonts.
        com.lowagie.text.Document document = new com.lowagie.text.Document(new Rectangle(width, height), 0, 0, 0, 0);
        try (OutputStream out = Files.newOutputStream(file)) {
            PdfWriter writer = PdfWriter.getInstance(document, out);
            document.open();
            PdfContentByte canvas = writer.getDirectContent();
            Graphics2D g = canvas.createGraphics(width, height, new DefaultFontMapper());
            chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
            g.dispose();
            document.close();
        } catch (DocumentException e) {
            throw new IOException("PDF " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Refuses, before any work, a plot file the command could not write: a missing directory, or
     * an ending other than .png, .svg and .pdf.
     *
     * @param option the option's name, for the message
     * @param file the file, or null (nothing to check)
     * @throws IllegalArgumentException naming the option and the file
     */
    public static void requirePlot(String option, Path file) {
        if (file == null) {
            return;
        }
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (FORMATS.stream().noneMatch(name::endsWith)) {
            throw new IllegalArgumentException(option + " " + file + ": plots are written as PNG, SVG or PDF; give a "
                    + "name ending in .png, .svg or .pdf");
        }
        requireWritable(option, file, null);
    }

    /**
     * Refuses, before any work, an output file the command could not write: a missing directory,
     * or a name whose format is not the one written.
     *
     * @param option the option's name, for the message
     * @param file the file, or null (nothing to check)
     * @param extension the required ending (e.g. ".png"), or null for any
     * @throws IllegalArgumentException naming the option and the file
     */
    public static void requireWritable(String option, Path file, String extension) {
        if (file == null) {
            return;
        }
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        if (extension != null && !name.toLowerCase(java.util.Locale.ROOT).endsWith(extension)) {
            throw new IllegalArgumentException(option + " " + file + ": only " + extension.substring(1).toUpperCase(
                    java.util.Locale.ROOT) + " is written here; give a name ending in " + extension);
        }
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null || !java.nio.file.Files.isDirectory(dir)) {
            throw new IllegalArgumentException(option + " " + file + ": the directory " + dir + " does not exist");
        }
        if (!java.nio.file.Files.isWritable(dir)) {
            throw new IllegalArgumentException(option + " " + file + ": the directory " + dir + " is not writable");
        }
    }

    private static XYPlot panel(List<Curve> curves, String label, boolean logarithmic) {
        XYPlot plot = new XYPlot();
        if (logarithmic) {
            org.jfree.chart.axis.LogAxis axis = new org.jfree.chart.axis.LogAxis(label);
            axis.setSmallestValue(1e-300);
            plot.setRangeAxis(axis);
        } else {
            plot.setRangeAxis(new NumberAxis(label));
            ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        }
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        for (int i = 0; i < curves.size(); i++) {
            Curve c = curves.get(i);
            XYSeries series = new XYSeries(c.name(), false, true);
            for (int k = 0; k < c.t().length; k++) {
                if (!Double.isNaN(c.values()[k]) && (!logarithmic || c.values()[k] > 0)) {
                    series.add(c.t()[k], c.values()[k]);
                }
            }
            plot.setDataset(i, new XYSeriesCollection(series));
            Color color = PALETTE[c.color() % PALETTE.length];
            if (c.style() == Style.STEPS) {
                XYStepRenderer steps = new XYStepRenderer();
                steps.setSeriesPaint(0, color);
                steps.setSeriesStroke(0, new BasicStroke(1.8f));
                plot.setRenderer(i, steps);
            } else {
                boolean line = c.style() == Style.LINE;
                XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(line, !line);
                renderer.setSeriesPaint(0, color);
                renderer.setSeriesStroke(0, new BasicStroke(1.8f));
                renderer.setSeriesShape(0, new Ellipse2D.Double(-3.5, -3.5, 7, 7));
                plot.setRenderer(i, renderer);
            }
        }
        return plot;
    }
}
