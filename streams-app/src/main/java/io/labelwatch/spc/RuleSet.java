package io.labelwatch.spc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * An immutable set of {@link RunRule}s.
 *
 * <p>In-control false-alarm rate (ARL0, average run length to a false signal for independent normal data):
 *
 * <ul>
 *   <li>{@code NELSON_1} (or {@code WE_1}) alone, L = 3: ARL0 = 1/0.0027 = 370.4. {@code none} gives no run-rule
 *       signals at all (only EWMA/CUSUM, when enabled).
 *   <li>{@code we} (WE_1..WE_4): ARL0 ≈ 91.75 (Champ and Woodall 1987, Technometrics 29(4), table 1).
 *   <li>{@code nelson} (NELSON_1..NELSON_8): ARL0 ≈ 73 by our own seeded simulation ({@code RunRuleArlTest}, 20 000
 *       in-control runs; not a published figure). Each added rule trades false alarms for sensitivity to small shifts.
 * </ul>
 *
 * <p>A rule judges a window only once it is full (no signal from rule 2 before the 9th value, and so on).
 */
public final class RuleSet {
    private static final RuleSet NONE = new RuleSet(EnumSet.noneOf(RunRule.class));
    private static final RuleSet NELSON = new RuleSet(EnumSet.range(RunRule.NELSON_1, RunRule.NELSON_8));
    private static final RuleSet WESTERN_ELECTRIC = new RuleSet(EnumSet.range(RunRule.WE_1, RunRule.WE_4));

    private final Set<RunRule> rules;
    private final RunRule[] ordered;

    private RuleSet(EnumSet<RunRule> rules) {
        this.rules =
                Collections.unmodifiableSet(EnumSet.copyOf(rules.isEmpty() ? EnumSet.noneOf(RunRule.class) : rules));
        this.ordered = rules.toArray(new RunRule[0]);
    }

    public static RuleSet none() {
        return NONE;
    }

    public static RuleSet nelson() {
        return NELSON;
    }

    public static RuleSet westernElectric() {
        return WESTERN_ELECTRIC;
    }

    public static RuleSet of(RunRule... rules) {
        EnumSet<RunRule> set = EnumSet.noneOf(RunRule.class);
        Collections.addAll(set, rules);
        return new RuleSet(set);
    }

    /**
     * Parses {@code "nelson"}, {@code "we"}, {@code "none"} (case-insensitive) or a comma list of rule ids such as
     * {@code "NELSON_1,NELSON_2"}.
     *
     * @throws IllegalArgumentException naming the bad id
     */
    public static RuleSet parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("empty run-rule list; expected nelson, we, none or ids like NELSON_1");
        }
        String trimmed = spec.trim().toLowerCase(Locale.ROOT);
        switch (trimmed) {
            case "nelson":
                return NELSON;
            case "we":
                return WESTERN_ELECTRIC;
            case "none":
                return NONE;
            default:
                break;
        }
        EnumSet<RunRule> set = EnumSet.noneOf(RunRule.class);
        for (String part : spec.split(",", -1)) {
            String id = part.trim().toUpperCase(Locale.ROOT);
            try {
                set.add(RunRule.valueOf(id));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown run rule '" + part.trim()
                        + "'; expected nelson, we, none or ids NELSON_1..NELSON_8, WE_1..WE_4");
            }
        }
        return new RuleSet(set);
    }

    public Set<RunRule> rules() {
        return rules;
    }

    /** The ids of the rules firing at {@code z[end]}, in enum order. */
    public List<String> firing(double[] z, int end, double limit) {
        List<String> out = new ArrayList<>(2);
        for (RunRule rule : ordered) {
            if (rule.firesAt(z, end, limit)) {
                out.add(rule.name());
            }
        }
        return out;
    }

    /** Canonical text form, parseable by {@link #parse(String)}. */
    public String spec() {
        if (rules.isEmpty()) {
            return "none";
        }
        StringBuilder sb = new StringBuilder();
        for (RunRule rule : ordered) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(rule.name());
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RuleSet other && other.rules.equals(rules);
    }

    @Override
    public int hashCode() {
        return rules.hashCode();
    }

    @Override
    public String toString() {
        return spec();
    }
}
