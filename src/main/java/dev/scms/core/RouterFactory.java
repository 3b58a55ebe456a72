package dev.scms.core;

import dev.scms.config.Settings;
import dev.scms.router.Router;
import dev.scms.router.RouterSettings;
import dev.scms.router.Weights;

/** Builds the router from the settings, and its lexical-only variant for when the model is not ready. */
final class RouterFactory {

    private final RouterSettings hybrid;
    private final RouterSettings lexical;

    RouterFactory(Settings settings) {
        Weights weights = Weights.preset(settings.preset())
                .orElseThrow(() -> new IllegalArgumentException("unknown preset " + settings.preset()));
        this.hybrid = new RouterSettings(weights, settings.lexicalWeight(), settings.halfLifeDays(),
                settings.minRelevance(), settings.loadBalancing());
        this.lexical = new RouterSettings(weights, 1.0, settings.halfLifeDays(), settings.minRelevance(),
                settings.loadBalancing());
    }

    Router hybrid() {
        return new Router(hybrid);
    }

    /** Returns a router whose relevance is BM25 alone, for retrievals without the embedding model. */
    Router lexical() {
        return new Router(lexical);
    }
}
