package dev.culprit.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;

/**
 * One enum field written as its constant's name in lower case ({@code "slower"}) and read back
 * whatever the case, for a field whose enum has another JSON form elsewhere: {@code stats.Verdict}
 * is written upper case inside noise.json's A/A comparison (as it always was) and lower case as the
 * verdict of compare.json and of a bisect's verification (as those always were). Annotate the field
 * (a record component) with {@code @JsonSerialize(using = LowerCaseEnum.Writer.class)} and
 * {@code @JsonDeserialize(using = LowerCaseEnum.Reader.class)}.
 */
public final class LowerCaseEnum {
  private LowerCaseEnum() {}

  /** Writes {@code SLOWER} as {@code "slower"}. */
  public static final class Writer extends StdSerializer<Enum<?>> {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings({"unchecked", "rawtypes"})
    public Writer() {
      super((Class) Enum.class);
    }

    @Override
    public void serialize(Enum<?> value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeString(value.name().toLowerCase(Locale.ROOT));
    }
  }

  /** Reads {@code "slower"} (or {@code "SLOWER"}) as the constant of the field's enum type. */
  public static final class Reader extends StdDeserializer<Enum<?>>
      implements ContextualDeserializer {
    private static final long serialVersionUID = 1L;
    private final Class<?> type;

    public Reader() {
      this(Enum.class);
    }

    private Reader(Class<?> type) {
      super(type);
      this.type = type;
    }

    @Override
    public JsonDeserializer<?> createContextual(
        DeserializationContext ctxt, BeanProperty property) {
      JavaType t = property != null ? property.getType() : ctxt.getContextualType();
      return new Reader(t.getRawClass());
    }

    @Override
    public Enum<?> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      String text = p.getValueAsString();
      for (Object constant : type.getEnumConstants()) {
        Enum<?> e = (Enum<?>) constant;
        if (e.name().equalsIgnoreCase(text)) {
          return e;
        }
      }
      return (Enum<?>)
          ctxt.handleWeirdStringValue(
              type, text, "not one of %s", Arrays.toString(type.getEnumConstants()));
    }
  }
}
