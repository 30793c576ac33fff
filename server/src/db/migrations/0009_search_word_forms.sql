-- SRCH-1: word forms. The Snowball Russian stemmer cuts «альбом» to «альб» (it reads «-ом» as an
-- ending) but «альбомы», «альбома» to «альбом», so the forms never met. The search vector now holds,
-- at each word's position, its stem and the word as written (ё as е); a query word matches its stem
-- or itself as written. So a word matches another when their stems are equal, or when one word is
-- the other's stem (the bare «альбом» against «альбом-ы»), not when they only share a prefix.
-- The GIN indexes are rebuilt on the new columns.
-- The words as written: the `russian` configuration with its Russian words (word, hword, hword_part)
-- lowercased instead of stemmed, its stop words still dropped. Every other token type keeps the
-- russian mapping, so both configurations count positions alike and a word's two forms share one.
CREATE TEXT SEARCH DICTIONARY parta_word_forms (TEMPLATE = simple, STOPWORDS = russian);
--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION parta_words (COPY = russian);
--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION parta_words ALTER MAPPING FOR word, hword, hword_part WITH parta_word_forms;
--> statement-breakpoint
-- The two vectors merged through their text (tsvector's || would shift the second one's positions,
-- and phrases need them equal); ё as е, as the stemmer has it. ~0.25 ms for a chat message, against
-- ~0.1 ms for to_tsvector alone. Schema-qualified: a restore runs with an empty search_path.
CREATE FUNCTION parta_search_vector(doc text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (to_tsvector('russian', coalesce(doc, ''))::text || ' '
    || translate(to_tsvector('public.parta_words', coalesce(doc, ''))::text, 'ё', 'е'))::tsvector
$$;
--> statement-breakpoint
-- The query of what was typed (websearch syntax): each word becomes (stem | word as written); with
-- `headline`, also the stem of the stem, so ts_headline (which stems the text once) marks «альбом»
-- for «альбомы».
CREATE FUNCTION parta_search_query(q text, headline boolean) RETURNS tsquery LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
DECLARE
  result tsquery := websearch_to_tsquery('russian', q);
  word record;
  alternatives text;
BEGIN
  FOR word IN
    -- The Russian words typed (the parser's tokens in Cyrillic: the `russian` configuration sends
    -- them to russian_stem), stop words left out as the query leaves them out.
    SELECT w.stem, array_agg(DISTINCT w.surface) AS surfaces
    FROM (
      SELECT (ts_lexize('russian_stem', p.token))[1] AS stem, translate((ts_lexize('simple', p.token))[1], 'ё', 'е') AS surface
      FROM ts_parse('default', q) p
      WHERE p.token ~ '^[а-яёА-ЯЁ]+$'
    ) w
    WHERE w.stem IS NOT NULL
    GROUP BY 1
  LOOP
    SELECT string_agg(quote_literal(alt), ' | ') INTO alternatives FROM (
      SELECT word.stem AS alt
      UNION SELECT unnest(word.surfaces)
      UNION SELECT (ts_lexize('russian_stem', word.stem))[1] WHERE headline
    ) a WHERE alt IS NOT NULL;
    result := ts_rewrite(result, quote_literal(word.stem)::tsquery, alternatives::tsquery);
  END LOOP;
  RETURN result;
END
$$;
--> statement-breakpoint
ALTER TABLE "messages" drop column "search";--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (parta_search_vector(text)) STORED;--> statement-breakpoint
ALTER TABLE "articles" drop column "search";--> statement-breakpoint
ALTER TABLE "articles" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (setweight(parta_search_vector(title), 'A') || setweight(parta_search_vector(body_text), 'B')) STORED;--> statement-breakpoint
ALTER TABLE "documents" drop column "search";--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (parta_search_vector(title)) STORED;--> statement-breakpoint
ALTER TABLE "news_posts" drop column "search";--> statement-breakpoint
ALTER TABLE "news_posts" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (parta_search_vector(text)) STORED;--> statement-breakpoint
CREATE INDEX "messages_search_idx" ON "messages" USING gin ("search");--> statement-breakpoint
CREATE INDEX "articles_search_idx" ON "articles" USING gin ("search");--> statement-breakpoint
CREATE INDEX "documents_search_idx" ON "documents" USING gin ("search");--> statement-breakpoint
CREATE INDEX "news_posts_search_idx" ON "news_posts" USING gin ("search");
