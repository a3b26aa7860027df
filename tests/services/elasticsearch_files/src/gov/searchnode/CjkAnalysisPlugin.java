package gov.searchnode;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.elasticsearch.lucene.analysis.miscellaneous.DisableGraphAttribute;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.ngram.NGramTokenFilter;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.analysis.AbstractIndexAnalyzerProvider;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.AnalyzerProvider;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The analysis components the index mapping uses that Elasticsearch ships in its analysis-common
 * module, which Maven Central does not publish: registered under the same names, with the same
 * options and defaults, from the Lucene classes that module wraps, so the production mapping runs
 * unchanged. A new filter in search/engine/mapping.py needs one line in FILTERS (or TOKENIZERS).
 */
public class CjkAnalysisPlugin extends Plugin implements AnalysisPlugin {

    /** A token filter factory from (name, settings) -> (stream -> filtered stream). */
    private static AnalysisProvider<TokenFilterFactory> filter(java.util.function.BiFunction<String, Settings, Function<TokenStream, TokenStream>> make) {
        return (indexSettings, environment, name, settings) -> {
            Function<TokenStream, TokenStream> wrap = make.apply(name, settings);
            return new AbstractTokenFilterFactory(name, settings) {
                @Override
                public TokenStream create(TokenStream stream) {
                    return wrap.apply(stream);
                }
            };
        };
    }

    static int cjkScripts(Settings settings) {
        int flags = CJKBigramFilter.HAN | CJKBigramFilter.HIRAGANA | CJKBigramFilter.KATAKANA | CJKBigramFilter.HANGUL;
        for (String script : settings.getAsList("ignored_scripts")) {
            switch (script.toLowerCase(Locale.ROOT)) {
                case "han" -> flags &= ~CJKBigramFilter.HAN;
                case "hiragana" -> flags &= ~CJKBigramFilter.HIRAGANA;
                case "katakana" -> flags &= ~CJKBigramFilter.KATAKANA;
                case "hangul" -> flags &= ~CJKBigramFilter.HANGUL;
                default -> throw new IllegalArgumentException("unknown script [" + script + "] in ignored_scripts");
            }
        }
        return flags;
    }

    static final Map<String, AnalysisProvider<TokenFilterFactory>> FILTERS = Map.of(
        "cjk_width", filter((name, s) -> CJKWidthFilter::new),
        "cjk_bigram", filter((name, s) -> {
            int flags = cjkScripts(s);
            boolean unigrams = s.getAsBoolean("output_unigrams", false);
            return stream -> {
                CJKBigramFilter bigrams = new CJKBigramFilter(stream, flags, unigrams);
                if (unigrams) {
                    bigrams.addAttribute(DisableGraphAttribute.class);  // as analysis-common does
                }
                return bigrams;
            };
        }),
        "edge_ngram", filter((name, s) -> {
            int min = s.getAsInt("min_gram", 1), max = s.getAsInt("max_gram", 2);
            boolean original = s.getAsBoolean("preserve_original", false);
            return stream -> new EdgeNGramTokenFilter(stream, min, max, original);
        }),
        "ngram", filter((name, s) -> {
            int min = s.getAsInt("min_gram", 1), max = s.getAsInt("max_gram", 2);
            boolean original = s.getAsBoolean("preserve_original", false);
            return stream -> new NGramTokenFilter(stream, min, max, original);
        })
    );

    static final Map<String, AnalysisProvider<TokenizerFactory>> TOKENIZERS = Map.of(
        "whitespace", (indexSettings, environment, name, s) -> {
            int max = s.getAsInt("max_token_length", 255);
            return TokenizerFactory.newFactory(name, () -> new WhitespaceTokenizer(WhitespaceTokenizer.DEFAULT_TOKEN_ATTRIBUTE_FACTORY, max));
        },
        "keyword", (indexSettings, environment, name, s) -> {
            int buffer = s.getAsInt("buffer_size", 256);
            return TokenizerFactory.newFactory(name, () -> new KeywordTokenizer(buffer));
        }
    );

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        return FILTERS;
    }

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        return TOKENIZERS;
    }

    @Override
    public Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> getAnalyzers() {
        return Map.of("cjk", (indexSettings, environment, name, settings) -> new AbstractIndexAnalyzerProvider<CJKAnalyzer>(name, settings) {
            private final CJKAnalyzer analyzer = new CJKAnalyzer();

            @Override
            public CJKAnalyzer get() {
                return analyzer;
            }
        });
    }
}
