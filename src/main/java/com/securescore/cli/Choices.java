package com.securescore.cli;

import com.securescore.acme.KeyType;
import com.securescore.cert.KeystoreExporter;
import com.securescore.deploy.TargetKind;
import com.securescore.deploy.kubernetes.KubernetesSettings.ServiceType;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The options that take one of a few words, converted by picocli into the core's enums: each
 * converter takes the words (and the aliases) accepted before, in any case, and refuses anything
 * else with a message that names the option and lists the choices. The {@code *Words} classes are
 * the same words for shell completion.
 */
final class Choices {
    private Choices() {
    }

    /**
     * A value refused with a plain message, printed without picocli's "Invalid value for option ..."
     * before it: as it is when it names the option already, else after the option's name.
     */
    static final class Refused extends TypeConversionException {
        final boolean namesOption;

        Refused(String message) {
            this(message, true);
        }

        Refused(String message, boolean namesOption) {
            super(message);
            this.namesOption = namesOption;
        }
    }

    private static String word(String value) {
        return value.strip().toLowerCase(Locale.ROOT);
    }

    /** {@code --target}: local, kubernetes (or k8s), aci, aks, fpga. */
    static final class Target implements ITypeConverter<TargetKind> {
        @Override
        public TargetKind convert(String value) {
            return switch (word(value)) {
                case "local" -> TargetKind.LOCAL;
                case "kubernetes", "k8s" -> TargetKind.KUBERNETES;
                case "aci" -> TargetKind.ACI;
                case "aks" -> TargetKind.AKS;
                case "fpga" -> TargetKind.FPGA;
                default -> throw new Refused("--target must be local, kubernetes, aci, aks or fpga, not \"" + value
                        + "\".");
            };
        }
    }

    static final class TargetWords extends Words {
        TargetWords() {
            super("local", "kubernetes", "aci", "aks", "fpga");
        }
    }

    /** {@code --service-type}: load-balancer, node-port, cluster-ip (also without the hyphen). */
    static final class Service implements ITypeConverter<ServiceType> {
        @Override
        public ServiceType convert(String value) {
            return switch (word(value)) {
                case "load-balancer", "loadbalancer" -> ServiceType.LOAD_BALANCER;
                case "node-port", "nodeport" -> ServiceType.NODE_PORT;
                case "cluster-ip", "clusterip" -> ServiceType.CLUSTER_IP;
                default -> throw new Refused("--service-type must be load-balancer, node-port or cluster-ip, not \""
                        + value + "\".");
            };
        }
    }

    static final class ServiceWords extends Words {
        ServiceWords() {
            super("load-balancer", "node-port", "cluster-ip");
        }
    }

    /** {@code --jks-type}: pkcs12, jks, jceks. */
    static final class Keystore implements ITypeConverter<KeystoreExporter.Type> {
        @Override
        public KeystoreExporter.Type convert(String value) {
            try {
                return KeystoreExporter.Type.parse(value);
            } catch (IllegalArgumentException e) {
                throw new Refused("--jks-type must be pkcs12, jks or jceks, not \"" + value + "\".");
            }
        }
    }

    static final class KeystoreWords extends Words {
        KeystoreWords() {
            super("pkcs12", "jks", "jceks");
        }
    }

    /** How an ONNX model wants its input tensor: channels first or last. */
    enum Layout {
        NCHW, NHWC
    }

    /** {@code --layout}: nchw, nhwc. */
    static final class Layouts implements ITypeConverter<Layout> {
        @Override
        public Layout convert(String value) {
            return switch (word(value)) {
                case "nchw" -> Layout.NCHW;
                case "nhwc" -> Layout.NHWC;
                default -> throw new Refused("--layout must be nchw (channels first, most models) or nhwc (channels "
                        + "last, TensorFlow exports), not \"" + value + "\".");
            };
        }
    }

    static final class LayoutWords extends Words {
        LayoutWords() {
            super("nchw", "nhwc");
        }
    }

    /** {@code acme --key-type}: ec, rsa2048, rsa3072 (rsa meaning rsa2048). */
    static final class AcmeKey implements ITypeConverter<KeyType> {
        @Override
        public KeyType convert(String value) {
            try {
                return KeyType.parse(value);
            } catch (IllegalArgumentException e) {
                throw new Refused("--key-type: " + e.getMessage());
            }
        }
    }

    static final class AcmeKeyWords extends Words {
        AcmeKeyWords() {
            super("ec", "rsa2048", "rsa3072");
        }
    }

    /** The words of one option, for completion scripts and {@code ${COMPLETION-CANDIDATES}}. */
    abstract static class Words implements Iterable<String> {
        private final List<String> words;

        Words(String... words) {
            this.words = List.of(words);
        }

        @Override
        public Iterator<String> iterator() {
            return words.iterator();
        }
    }
}
