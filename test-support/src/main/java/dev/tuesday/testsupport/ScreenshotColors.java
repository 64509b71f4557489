package dev.tuesday.testsupport;

import java.awt.image.BufferedImage;

/**
 * Counts what a browser's screenshot shows of a colour: how the drill report's browser test and
 * {@code bench/drill/CheckReport.java} see that the report's chart lines were drawn.
 */
public final class ScreenshotColors {

    /** How far, in RGB distance, a pixel may be from the colour and still count: anti-aliasing blurs the edges. */
    private static final int NEAR = 40;

    private ScreenshotColors() {
    }

    /** The pixels of {@code image} within a small distance of {@code rgb} ({@code 0xRRGGBB}). */
    public static long pixelsNear(BufferedImage image, int rgb) {
        long n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                int dr = ((p >> 16) & 0xff) - ((rgb >> 16) & 0xff);
                int dg = ((p >> 8) & 0xff) - ((rgb >> 8) & 0xff);
                int db = (p & 0xff) - (rgb & 0xff);
                if (dr * dr + dg * dg + db * db < NEAR * NEAR) {
                    n++;
                }
            }
        }
        return n;
    }
}
