package dev.schemakit.model;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.Locale;

/**
 * A file's bytes as text in a given encoding, refusing bytes that are not text in it, where the JDK's readers
 * either replace them silently or fail with "Input length = 1". For readers of user files (contracts,
 * migrations), which turn {@link NotText} into their own message naming the file.
 */
public final class StrictText {

  private StrictText() {
  }

  /**
   * Decodes {@code bytes}.
   *
   * @throws NotText at the first byte that is not text in {@code charset}
   */
  public static String decode(byte[] bytes, Charset charset) {
    CharsetDecoder decoder = charset.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate((int) Math.ceil(bytes.length * (double) decoder.maxCharsPerByte()) + 1);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int offset = in.position();
      out.flip();
      String before = out.toString();
      int line = 1 + (int) before.chars().filter(c -> c == '\n').count();
      int column = before.length() - before.lastIndexOf('\n');
      throw new NotText(charset, offset, bytes[offset] & 0xff, line, column);
    }
    out.flip();
    return out.toString();
  }

  /**
   * Bytes that are not text in the expected encoding. The message says which encoding, the first such byte, its
   * offset, line and column; {@link #line()} and {@link #column()} are there for a reader's own position format.
   */
  public static final class NotText extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;

    NotText(Charset charset, int offset, int value, int line, int column) {
      super(String.format(Locale.ROOT, "not %s text: the byte at offset %d (0x%02X, line %d, column %d) is not"
          + " part of a %s character", charset.name(), offset, value, line, column, charset.name()));
      this.line = line;
      this.column = column;
    }

    /** 1-based line of the first byte that is not text, counting the text before it. */
    public int line() {
      return line;
    }

    /** 1-based column of that byte. */
    public int column() {
      return column;
    }
  }
}
