package io.marquee.demo;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Draws a poster (2:3) or backdrop (16:9) PNG for a demo title: a gradient, shapes seeded by the name, the name. */
final class DemoArtwork {

    private DemoArtwork() {
    }

    static byte[] poster(String name) {
        return draw(name, 400, 600, 44);
    }

    static byte[] backdrop(String name) {
        return draw(name, 960, 540, 56);
    }

    private static byte[] draw(String name, int width, int height, int fontSize) {
        System.setProperty("java.awt.headless", "true");
        Random random = new Random(name.hashCode());
        float hue = random.nextFloat();
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setPaint(new GradientPaint(0, 0, Color.getHSBColor(hue, 0.7f, 0.55f), width, height,
                    Color.getHSBColor((hue + 0.15f) % 1, 0.8f, 0.15f)));
            g.fillRect(0, 0, width, height);
            g.setStroke(new BasicStroke(3));
            for (int i = 0; i < 7; i++) {
                g.setColor(Color.getHSBColor((hue + random.nextFloat() * 0.3f) % 1, 0.5f, 0.9f));
                int size = 40 + random.nextInt(Math.min(width, height) / 2);
                g.drawOval(random.nextInt(width), random.nextInt(height), size, size);
            }
            drawName(g, name, width, height, fontSize);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void drawName(Graphics2D g, String name, int width, int height, int fontSize) {
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, fontSize));
            g.setColor(Color.WHITE);
            FontMetrics metrics = g.getFontMetrics();
            List<String> lines = wrap(name, metrics, width - 40);
            int y = height - 40 - (lines.size() - 1) * metrics.getHeight();
            for (String line : lines) {
                g.drawString(line, 20, y);
                y += metrics.getHeight();
            }
        } catch (Error | RuntimeException noFonts) {
            // A machine without fonts still gets artwork, just without the name on it.
        }
    }

    private static List<String> wrap(String text, FontMetrics metrics, int maxWidth) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (metrics.stringWidth(candidate) > maxWidth && !line.isEmpty()) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(candidate);
            }
        }
        lines.add(line.toString());
        return lines;
    }
}
