package dev.agentwarden.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The terminal QR code: drawn with half blocks, and read back by a QR decoder into the URI it was drawn from. */
class QrTextTest {

    private static final String URI = "otpauth://totp/Agent%20Warden:admin?secret=JBSWY3DPEHPK3PXP&issuer=Agent%20Warden";
    private static final int SCALE = 4;

    @Test
    void onlyHalfBlocksInLinesOfOneWidth() {
        String[] lines = QrText.render(URI).split("\n");
        int width = QrText.matrix(URI).getWidth();
        assertEquals((QrText.matrix(URI).getHeight() + 1) / 2, lines.length);
        for (String line : lines) {
            assertEquals(width, line.length(), line);
            assertTrue(line.matches("[█▀▄ ]+"), line);
        }
        assertTrue(lines[0].matches("█+"), "the quiet zone is light: " + lines[0]);
    }

    @Test
    void aDecoderReadsTheUriBack() throws Exception {
        String[] lines = QrText.render(URI).split("\n");
        int width = lines[0].length() * SCALE;
        int height = lines.length * 2 * SCALE;
        int[] pixels = new int[width * height];
        for (int row = 0; row < lines.length; row++) {
            for (int x = 0; x < lines[row].length(); x++) {
                char cell = lines[row].charAt(x);
                paint(pixels, width, x, row * 2, cell == '█' || cell == '▀');
                paint(pixels, width, x, row * 2 + 1, cell == '█' || cell == '▄');
            }
        }
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(width, height, pixels)));
        assertEquals(URI, new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText());
    }

    /** A module as SCALE × SCALE pixels: a drawn (light) one white, the others black. */
    private static void paint(int[] pixels, int width, int module, int moduleRow, boolean light) {
        for (int dy = 0; dy < SCALE; dy++) {
            for (int dx = 0; dx < SCALE; dx++) {
                pixels[(moduleRow * SCALE + dy) * width + module * SCALE + dx] = light ? 0xFFFFFF : 0x000000;
            }
        }
    }
}
