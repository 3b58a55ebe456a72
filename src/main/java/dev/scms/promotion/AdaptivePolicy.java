package dev.scms.promotion;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The default promotion policy: the evidence a pattern needs depends on the project's age, the
 * team's size and how fast the pattern's domain changes.
 *
 * <pre>
 *   required_uses  = max(2, floor(phase * team_factor * sigma))
 *   phase          = 5 below 30 days of project age, 3 from 30 to 89 days, 2 from 90 days on
 *   team of 0 or 1 : 1 distinct user,  team_factor 1.0
 *   team of 2 to 5 : 2 distinct users, team_factor 1.0
 *   team of 6+     : 3 distinct users, team_factor 1.5
 *   sigma          = 0.5 high-churn, 1.0 moderate, 1.5 stable (see {@link DomainStability})
 * </pre>
 *
 * <p>A young project is still settling its conventions, so it requires more evidence. A larger
 * team requires more uses and more users because a rule then binds more people. A high-churn
 * domain requires fewer uses, because its lessons go stale before they could collect many.
 *
 * <p>The formula can yield fewer uses than required users (a team of 6 or more with
 * {@code floor(phase * 1.5 * sigma) < 3}). Every distinct user records at least one use, so such
 * a requirement could never be met. The required uses are then raised to the required users, and
 * the explanation says so.
 */
public final class AdaptivePolicy implements PromotionPolicy {

    /** The floor of required uses, so that no single use ever promotes a pattern. */
    public static final int MIN_USES = 2;

    private final Map<String, DomainStability> stabilityByDomain;
    private final DomainStability defaultStability;

    /**
     * Creates a policy with the stability of each listed domain (names compared ignoring case and
     * surrounding blanks) and a stability for every other domain.
     *
     * @throws IllegalArgumentException if the map contains a null or blank domain, a null
     *         stability, or one domain twice (ignoring case) with different stabilities
     */
    public AdaptivePolicy(Map<String, DomainStability> stabilityByDomain, DomainStability defaultStability) {
        if (stabilityByDomain == null || defaultStability == null) {
            throw new IllegalArgumentException("domain stabilities and the default stability must not be null");
        }
        this.stabilityByDomain = normalise(stabilityByDomain);
        this.defaultStability = defaultStability;
    }

    /** Creates a policy with the given domain stabilities and {@link DomainStability#MODERATE} for other domains. */
    public AdaptivePolicy(Map<String, DomainStability> stabilityByDomain) {
        this(stabilityByDomain, DomainStability.MODERATE);
    }

    /** Returns a policy that treats every domain as {@link DomainStability#MODERATE}. */
    public static AdaptivePolicy defaults() {
        return new AdaptivePolicy(Map.of());
    }

    @Override
    public String name() {
        return "adaptive";
    }

    @Override
    public Requirement requirement(PromotionEvidence evidence) {
        if (evidence == null) {
            throw new IllegalArgumentException("evidence must not be null");
        }
        int phase = phase(evidence.projectAgeDays());
        TeamTier tier = TeamTier.of(evidence.teamSize());
        Optional<DomainStability> configured = stabilityOf(evidence.domain());
        DomainStability stability = configured.orElse(defaultStability);

        int formulaUses = Math.max(MIN_USES, (int) Math.floor(phase * tier.factor() * stability.sigma()));
        int uses = Math.max(formulaUses, tier.requiredUsers());

        String explanation = "adaptive: " + describeProject(evidence.projectAgeDays(), phase) + ", "
                + describeTeam(evidence.teamSize(), tier) + ", "
                + describeDomain(evidence.domain(), stability, configured.isPresent()) + ": "
                + describeComputation(phase, tier, stability, formulaUses, uses);
        return new Requirement(uses, tier.requiredUsers(), explanation);
    }

    /** Returns the stability configured for a domain, ignoring case and surrounding blanks. */
    public Optional<DomainStability> stabilityOf(String domain) {
        if (domain == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(stabilityByDomain.get(key(domain)));
    }

    /** Returns the phase factor for a project age: 5 below 30 days, 3 below 90 days, 2 after. */
    static int phase(long projectAgeDays) {
        if (projectAgeDays < 30) {
            return 5;
        }
        return projectAgeDays < 90 ? 3 : 2;
    }

    private static String describeProject(long ageDays, int phase) {
        return "project " + Plural.of(ageDays, "day") + " old (phase " + phase + ")";
    }

    private static String describeTeam(int teamSize, TeamTier tier) {
        String size = teamSize == 0 ? "team of 0, taken as 1" : "team of " + teamSize;
        return size + " (factor " + decimal(tier.factor()) + ", " + Plural.of(tier.requiredUsers(), "user") + ")";
    }

    private static String describeDomain(String domain, DomainStability stability, boolean configured) {
        String name = domain.isBlank() ? "no domain," : "domain '" + domain.strip() + "'";
        String byDefault = configured ? "" : " by default";
        return name + " " + stability.label() + byDefault + " (sigma " + decimal(stability.sigma()) + ")";
    }

    private static String describeComputation(int phase, TeamTier tier, DomainStability stability, int formulaUses,
            int uses) {
        String formula = "max(" + MIN_USES + ", floor(" + phase + " x " + decimal(tier.factor()) + " x "
                + decimal(stability.sigma()) + ")) = ";
        String required = Plural.of(uses, "use") + " by at least " + Plural.of(tier.requiredUsers(), "user");
        if (uses == formulaUses) {
            return formula + required;
        }
        return formula + formulaUses + ", raised to " + required + " because each user records at least one use";
    }

    private static String decimal(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static Map<String, DomainStability> normalise(Map<String, DomainStability> stabilityByDomain) {
        Map<String, DomainStability> normalised = new HashMap<>();
        stabilityByDomain.forEach((domain, stability) -> {
            if (domain == null || domain.isBlank() || stability == null) {
                throw new IllegalArgumentException(
                        "invalid domain stability entry: domain '" + domain + "', stability " + stability
                                + " (expected a non-blank domain name and a stability)");
            }
            DomainStability previous = normalised.putIfAbsent(key(domain), stability);
            if (previous != null && previous != stability) {
                throw new IllegalArgumentException("domain '" + domain.strip() + "' is listed twice (ignoring case)"
                        + " with different stabilities: " + previous.label() + " and " + stability.label());
            }
        });
        return Map.copyOf(normalised);
    }

    private static String key(String domain) {
        return domain.strip().toLowerCase(Locale.ROOT);
    }
}
