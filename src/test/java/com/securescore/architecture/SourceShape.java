package com.securescore.architecture;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.LineMap;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.PackageTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The shape of the Java sources, read with the JDK's own parser: the length of every file and every
 * method (constructors included; from its first modifier to its closing brace), and every type named
 * inline by its fully qualified name ({@code java.util.List} in code rather than an import). An inline
 * name counts as a clash, and is allowed, when its simple name is also imported or declared in the
 * file, names a class of the file's own package, or names another inline type in the same file.
 *
 * <p>Run by {@link SourceShapeTest}, and on its own by {@code tools/source-shape.sh}, which prints
 * the figures.
 */
public final class SourceShape {
    private static final Set<String> PACKAGE_ROOTS = Set.of(
            "java", "javax", "javafx", "jdk", "com", "org", "io", "picocli", "net", "dev", "sun");

    /** A file's length. */
    public record FileLength(Path file, int lines) {}

    /** A method's length. */
    public record MethodLength(Path file, String method, int line, int lines) {}

    /** A type named inline by its fully qualified name, and whether its simple name clashes. */
    public record InlineName(Path file, int line, String name, boolean clash, int start, int end) {

        /** The simple name: {@code List} for {@code java.util.List}. */
        public String simpleName() {
            return name.substring(name.lastIndexOf('.') + 1);
        }
    }

    private final List<FileLength> files = new ArrayList<>();
    private final List<MethodLength> methods = new ArrayList<>();
    private final List<InlineName> inlineNames = new ArrayList<>();

    private SourceShape() {}

    /** Reads every {@code .java} file under {@code root}. */
    public static SourceShape of(Path root) {
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(root)) {
            sources = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Set<String>> classesByPackage = new HashMap<>();
        for (Path source : sources) {
            String pkg = root.relativize(source.getParent()).toString().replace(source.getFileSystem().getSeparator(), ".");
            String name = source.getFileName().toString();
            classesByPackage.computeIfAbsent(pkg, k -> new HashSet<>()).add(name.substring(0, name.length() - 5));
        }
        SourceShape shape = new SourceShape();
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        try (StandardJavaFileManager fileManager = compiler.getStandardFileManager(null, null, null)) {
            Iterable<? extends JavaFileObject> units = fileManager.getJavaFileObjectsFromPaths(sources);
            JavacTask task = (JavacTask) compiler.getTask(null, fileManager, null, List.of("-proc:none"), null, units);
            SourcePositions positions = Trees.instance(task).getSourcePositions();
            for (CompilationUnitTree unit : task.parse()) {
                shape.read(unit, positions, classesByPackage);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return shape;
    }

    public List<FileLength> files() {
        return files;
    }

    public List<MethodLength> methods() {
        return methods;
    }

    public List<InlineName> inlineNames() {
        return inlineNames;
    }

    /** A type named inline where it was found, before it is judged a clash or not. */
    private record Found(String name, String simpleName, int line, int start, int end) {}

    private void read(CompilationUnitTree unit, SourcePositions positions, Map<String, Set<String>> classesByPackage) {
        Path file = Path.of(unit.getSourceFile().toUri());
        LineMap lines = unit.getLineMap();
        files.add(new FileLength(file, (int) lines.getLineNumber(positions.getEndPosition(unit, unit))));
        Map<String, String> inScope = namesInScope(unit, classesByPackage);
        List<Found> found = new ArrayList<>();
        new TreePathScanner<Void, Void>() {
            @Override
            public Void visitImport(ImportTree node, Void unused) {
                return null;
            }

            @Override
            public Void visitPackage(PackageTree node, Void unused) {
                return null;
            }

            @Override
            public Void visitClass(ClassTree node, Void unused) {
                inScope.putIfAbsent(node.getSimpleName().toString(), "");
                return super.visitClass(node, unused);
            }

            @Override
            public Void visitMethod(MethodTree node, Void unused) {
                int start = (int) lines.getLineNumber(positions.getStartPosition(unit, node));
                int end = (int) lines.getLineNumber(positions.getEndPosition(unit, node));
                if (node.getBody() != null) {
                    String owner = ((ClassTree) getCurrentPath().getParentPath().getLeaf()).getSimpleName().toString();
                    methods.add(new MethodLength(file, owner + "." + node.getName(), start, end - start + 1));
                }
                return super.visitMethod(node, unused);
            }

            @Override
            public Void visitMemberSelect(MemberSelectTree node, Void unused) {
                String simple = node.getIdentifier().toString();
                if (!Character.isUpperCase(simple.charAt(0)) || !isPackage(node.getExpression())) {
                    return super.visitMemberSelect(node, unused);
                }
                int start = (int) positions.getStartPosition(unit, node);
                found.add(new Found(node.toString(), simple, (int) lines.getLineNumber(start), start,
                        (int) positions.getEndPosition(unit, node)));
                return null;
            }
        }.scan(unit, null);
        judge(file, found, inScope);
    }

    /** Each simple name the file can use without naming it in full, with the qualified name it stands for. */
    private static Map<String, String> namesInScope(CompilationUnitTree unit, Map<String, Set<String>> classesByPackage) {
        String pkg = unit.getPackageName() == null ? "" : unit.getPackageName().toString();
        Map<String, String> inScope = new HashMap<>();
        for (String sibling : classesByPackage.getOrDefault(pkg, Set.of())) {
            inScope.put(sibling, pkg + "." + sibling);
        }
        for (ImportTree imported : unit.getImports()) {
            String name = imported.getQualifiedIdentifier().toString();
            if (!imported.isStatic() && !name.endsWith(".*")) {
                inScope.put(name.substring(name.lastIndexOf('.') + 1), name);
            }
        }
        return inScope;
    }

    /**
     * A clash: the simple name already stands for another type in the file (imported, declared, of the
     * same package, or of java.lang), or two inline names share it.
     */
    private void judge(Path file, List<Found> found, Map<String, String> inScope) {
        Map<String, Set<String>> namesBySimple = new HashMap<>();
        for (Found name : found) {
            namesBySimple.computeIfAbsent(name.simpleName(), k -> new HashSet<>()).add(name.name());
        }
        for (Found name : found) {
            String taken = inScope.get(name.simpleName());
            boolean clash = (taken != null && !taken.equals(name.name()))
                    || namesBySimple.get(name.simpleName()).size() > 1
                    || (taken == null && !name.name().equals("java.lang." + name.simpleName())
                        && isJavaLang(name.simpleName()));
            inlineNames.add(new InlineName(file, name.line(), name.name(), clash, name.start(), name.end()));
        }
    }

    private static boolean isJavaLang(String simpleName) {
        try {
            Class.forName("java.lang." + simpleName, false, SourceShape.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /**
     * Replaces each inline name that is not a clash by its simple name, and imports it. New imports
     * go in before the first import that sorts after them, so existing lines stay where they are.
     */
    public void importInlineNames() throws IOException {
        Map<Path, List<InlineName>> byFile = new HashMap<>();
        inlineNames.stream().filter(n -> !n.clash()).forEach(n -> byFile.computeIfAbsent(n.file(), k -> new ArrayList<>()).add(n));
        for (Map.Entry<Path, List<InlineName>> entry : byFile.entrySet()) {
            String text = Files.readString(entry.getKey());
            List<InlineName> names = new ArrayList<>(entry.getValue());
            names.sort(Comparator.comparingInt(InlineName::start).reversed());
            StringBuilder out = new StringBuilder(text);
            Set<String> toImport = new TreeSet<>();
            for (InlineName name : names) {
                out.replace(name.start(), name.end(), name.simpleName());
                if (!name.name().equals("java.lang." + name.simpleName())) {
                    toImport.add(name.name());
                }
            }
            Files.writeString(entry.getKey(), withImports(out.toString(), toImport));
        }
    }

    private static String withImports(String text, Set<String> names) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        for (String name : names) {
            String line = "import " + name + ";";
            if (lines.contains(line)) {
                continue;
            }
            int last = -1;
            int before = -1;
            for (int i = 0; i < lines.size(); i++) {
                String existing = lines.get(i);
                if (existing.startsWith("import ") && !existing.startsWith("import static ")) {
                    last = i;
                    if (before < 0 && existing.compareTo(line) > 0) {
                        before = i;
                    }
                }
            }
            if (before >= 0) {
                lines.add(before, line);
            } else if (last >= 0) {
                lines.add(last + 1, line);
            } else {
                int pkg = 0;
                while (!lines.get(pkg).startsWith("package ")) {
                    pkg++;
                }
                lines.add(pkg + 1, "");
                lines.add(pkg + 2, line);
            }
        }
        return String.join("\n", lines);
    }

    private static boolean isPackage(Tree tree) {
        if (tree instanceof IdentifierTree identifier) {
            return PACKAGE_ROOTS.contains(identifier.getName().toString());
        }
        if (tree instanceof MemberSelectTree select) {
            String segment = select.getIdentifier().toString();
            return Character.isLowerCase(segment.charAt(0)) && isPackage(select.getExpression());
        }
        return false;
    }

    /**
     * Prints the figures for each root given: {@code java SourceShape.java src/main/java src/test/java};
     * with {@code --import} first, imports the inline names that are not clashes instead.
     */
    public static void main(String[] args) throws IOException {
        if (args.length > 0 && args[0].equals("--import")) {
            for (int i = 1; i < args.length; i++) {
                of(Path.of(args[i])).importInlineNames();
            }
            return;
        }
        for (String arg : args) {
            Path root = Path.of(arg);
            SourceShape shape = of(root);
            int total = shape.files.stream().mapToInt(FileLength::lines).sum();
            System.out.printf("%s: %d files, %,d lines%n", root, shape.files.size(), total);
            List<MethodLength> longMethods = shape.methods.stream().filter(m -> m.lines() > 40)
                    .sorted(Comparator.comparingInt(MethodLength::lines).reversed()).toList();
            System.out.printf("  methods over 60 lines: %d; over 40: %d%n",
                    longMethods.stream().filter(m -> m.lines() > 60).count(), longMethods.size());
            longMethods.stream().filter(m -> m.lines() > 60).forEach(m -> System.out.printf("    %4d  %s:%d %s%n",
                    m.lines(), root.toAbsolutePath().relativize(m.file()), m.line(), m.method()));
            List<FileLength> longFiles = shape.files.stream().filter(f -> f.lines() > 450)
                    .sorted(Comparator.comparingInt(FileLength::lines).reversed()).toList();
            System.out.printf("  files over 500 lines: %d; over 450: %d%n",
                    longFiles.stream().filter(f -> f.lines() > 500).count(), longFiles.size());
            longFiles.forEach(f -> System.out.printf("    %4d  %s%n", f.lines(), root.toAbsolutePath().relativize(f.file())));
            long clashes = shape.inlineNames.stream().filter(InlineName::clash).count();
            System.out.printf("  inline fully qualified names: %d, of which %d for a clash%n",
                    shape.inlineNames.size(), clashes);
        }
    }
}
