package com.securescore.cli;

import com.securescore.task.DurationText;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;

/**
 * Every duration option ({@code --deadline 10s}, {@code --timeout 5m}, {@code --batch-wait 2ms}...),
 * read by the one parser the wizard uses too ({@link DurationText}); a refusal reads
 * {@code --timeout: "soon" is not a duration: ...}.
 */
class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            return DurationText.parse(value);
        } catch (IllegalArgumentException e) {
            throw new Choices.Refused(e.getMessage(), false);
        }
    }

    /** For the options where no time at all makes no sense (an interval, a time-out, a wait for DNS). */
    static final class AboveZero implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return DurationText.parsePositive(value);
            } catch (IllegalArgumentException e) {
                throw new Choices.Refused(e.getMessage(), false);
            }
        }
    }
}
