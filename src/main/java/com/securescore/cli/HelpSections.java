package com.securescore.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.IHelpSectionRenderer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * A command's option list in sections, each under a heading that says when its options apply
 * (for {@code deploy}: one section per target): the options in no section first, then each
 * section. Only the help is arranged; the options stay where they are declared and parse as
 * before, so every command line keeps working. (picocli's {@code @ArgGroup} would print the same,
 * but moves the fields into group classes the command's code then has to reach through.)
 */
final class HelpSections implements IHelpSectionRenderer {
    /** A heading (wrapped to the help's width) and the long names of the options under it. */
    record Section(String heading, List<String> options) {
        Section(String heading, String... options) {
            this(heading, List.of(options));
        }
    }

    private final List<Section> sections;

    HelpSections(List<Section> sections) {
        this.sections = List.copyOf(sections);
    }

    /** Shows {@code command}'s option list in these sections. */
    void install(CommandLine command) {
        command.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_OPTION_LIST, this);
    }

    @Override
    public String render(Help help) {
        CommandSpec spec = help.commandSpec();
        Set<String> placed = new HashSet<>();
        sections.forEach(s -> placed.addAll(s.options()));
        List<OptionSpec> rest = new ArrayList<>();
        for (OptionSpec o : spec.options()) {
            if (!o.hidden() && !placed.contains(o.longestName())) {
                rest.add(o);
            }
        }
        StringBuilder b = new StringBuilder(help.optionListExcludingGroups(rest));
        for (Section s : sections) {
            List<OptionSpec> options = new ArrayList<>();
            for (String name : s.options()) {
                OptionSpec o = spec.findOption(name);
                if (o == null) {
                    throw new IllegalStateException(spec.qualifiedName() + " has no option " + name);
                }
                options.add(o);
            }
            b.append(System.lineSeparator()).append(wrapped(help, s.heading()));
            b.append(help.optionListExcludingGroups(options));
        }
        return b.toString();
    }

    private static String wrapped(Help help, String text) {
        TextTable table = TextTable.forColumns(help.colorScheme(),
                new Column(help.commandSpec().usageMessage().width(), 0, Column.Overflow.WRAP));
        table.addRowValues(text);
        return table.toString();
    }
}
