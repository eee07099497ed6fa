package dev.agentwarden.cli;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.Map;

/**
 * A QR code drawn with Unicode half blocks, two modules a character cell, for {@code me mfa enrol}. The light modules
 * (and the quiet zone) are drawn, as {@code qrencode -t UTF8} does: on the usual dark terminal the code shows dark on
 * light, as authenticator apps expect it.
 */
final class QrText {

    /** Modules of quiet zone around the code (the standard asks for 4; 2 scan well on a screen and take less room). */
    static final int MARGIN = 2;

    private QrText() {
    }

    /** The QR code of {@code text}, one line per two rows of modules, each line ending with a newline. */
    static String render(String text) {
        BitMatrix matrix = matrix(text);
        StringBuilder lines = new StringBuilder();
        for (int y = 0; y < matrix.getHeight(); y += 2) {
            for (int x = 0; x < matrix.getWidth(); x++) {
                boolean top = !matrix.get(x, y);
                boolean bottom = y + 1 >= matrix.getHeight() || !matrix.get(x, y + 1);
                lines.append(top && bottom ? '█' : top ? '▀' : bottom ? '▄' : ' ');
            }
            lines.append('\n');
        }
        return lines.toString();
    }

    /** The modules of {@code text}'s QR code (true = dark), one per cell, with the quiet zone. */
    static BitMatrix matrix(String text) {
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, Map.of(EncodeHintType.MARGIN, MARGIN,
                    EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.CHARACTER_SET, "UTF-8"));
        } catch (WriterException | IllegalArgumentException e) {
            throw new CliError(CliError.REFUSED, "cannot draw a QR code of the server's otpauth URI: " + e.getMessage(), e);
        }
    }
}
