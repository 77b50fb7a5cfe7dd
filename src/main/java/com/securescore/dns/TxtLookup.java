package com.securescore.dns;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * TXT records as each resolver answers them now, asked directly with no cache in between (as the DNS
 * checks ask for addresses): the ACME DNS-01 challenge's "is the record there yet?".
 */
public final class TxtLookup {
    private final Duration timeout;

    public TxtLookup(Duration timeout) {
        this.timeout = timeout;
    }

    /** What one resolver answered: the TXT strings found, or why none could be read. */
    public record Answer(DnsServer resolver, List<String> values, String problem) {
        public boolean has(String value) {
            return values.contains(value);
        }
    }

    /** Asks every resolver for the TXT records of {@code name}. */
    public List<Answer> ask(String name, List<DnsServer> resolvers) {
        List<Answer> answers = new ArrayList<>();
        for (DnsServer server : resolvers) {
            answers.add(ask(name, server));
        }
        return answers;
    }

    Answer ask(String name, DnsServer server) {
        try {
            SimpleResolver resolver = new SimpleResolver(server.address());
            resolver.setTimeout(timeout);
            Name n = Name.fromString(name.toLowerCase(Locale.ROOT), Name.root);
            Message m = resolver.send(Message.newQuery(Record.newRecord(n, Type.TXT, DClass.IN)));
            if (m.getRcode() == Rcode.NXDOMAIN) {
                return new Answer(server, List.of(), "no such name");
            }
            if (m.getRcode() != Rcode.NOERROR) {
                return new Answer(server, List.of(), "resolver error " + Rcode.string(m.getRcode()));
            }
            List<String> values = new ArrayList<>();
            for (Record r : m.getSection(Section.ANSWER)) {
                if (r instanceof TXTRecord txt) {
                    values.add(String.join("", txt.getStrings()));
                }
            }
            return new Answer(server, values, values.isEmpty() ? "no TXT record" : "");
        } catch (TextParseException e) {
            throw new IllegalArgumentException("\"" + name + "\" is not a DNS name: " + e.getMessage());
        } catch (IOException e) {
            return new Answer(server, List.of(), "no answer (" + e.getMessage() + ")");
        }
    }
}
