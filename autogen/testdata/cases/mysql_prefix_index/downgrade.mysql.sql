DROP INDEX ix_article_title ON article;
DROP INDEX ix_article_body ON article;
DROP INDEX ft_article ON article;
CREATE INDEX ix_article_title ON article (`title`);
