{#- Direct identifiers in note text and their placeholders, most specific first (an IBAN or a
    card number would otherwise be read as a phone number). Each entry: type, RE2 pattern,
    replacement. Honorific patterns keep the honorific and replace the name. -#}
{% macro pii_patterns() -%}
    {%- set honorifics_latin = "Mme|Mlle|M\\.|Mr\\.?|Mrs\\.?|Ms\\.?|Miss|Dr\\.?|Signora|Signor|Sig\\.ra|Sig\\.|Señora|Señor|Sra\\.|Sr\\.|Herr|Frau|Senhora|Senhor|Dhr\\.|Mevr\\." -%}
    {{ return([
        ('email', '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}', '[EMAIL]'),
        ('iban', '\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\\b', '[IBAN]'),
        ('card', '\\b\\d{4}(?:[ -]?\\d{4}){2}[ -]?\\d{1,7}\\b', '[CARD]'),
        ('phone', '(?:\\+|\\b00)\\d{1,3}[ .-]?(?:\\(?\\d{1,4}\\)?[ .-]?){2,5}\\d{2,4}\\b', '[PHONE]'),
        ('phone', '\\b0\\d(?:[ .-]?\\d{2}){4}\\b|\\b0\\d{2,4}[ .-]\\d{3,4}[ .-]?\\d{3,4}\\b', '[PHONE]'),
        ('address', '\\b\\d{1,4}(?:bis|ter)?,? (?:rue|avenue|av\\.|boulevard|bd|place|quai|chemin|street|st\\.|road|rd\\.|avenue|lane|via|viale|piazza|corso|calle|avenida|plaza|paseo|rua|praça|travessa|straat|laan|plein|gracht|ул\\.|улица|проспект)(?: [\\p{L}\'-]+){1,4}', '[ADDRESS]'),
        ('address', '\\b[\\p{Lu}][\\p{L}-]*(?:straße|strasse|weg|platz|allee|gasse|straat|laan) \\d{1,4}[a-z]?\\b', '[ADDRESS]'),
        ('address', '\\b(?:Via|Viale|Piazza|Corso|Calle|Avenida|Rua|Avenue) (?:[\\p{L}\'-]+ ){1,4}\\d{1,4}\\b', '[ADDRESS]'),
        ('postcode', '\\b\\d{5} [\\p{Lu}][\\p{L}-]+|\\b[A-Z]{1,2}\\d[A-Z\\d]? ?\\d[A-Z]{2}\\b|\\b\\d{4} ?[A-Z]{2}\\b', '[POSTCODE]'),
        ('name', '\\b(' ~ honorifics_latin ~ ') \\p{Lu}[\\p{L}\'-]+(?: \\p{Lu}[\\p{L}\'-]+)?', '\\1 [NAME]'),
        ('name', '(господин|госпожа|г-н|г-жа) \\p{Lu}[\\p{L}-]+(?: \\p{Lu}[\\p{L}-]+)?', '\\1 [NAME]'),
        ('name', '(السيد|السيدة) \\p{Arabic}+', '\\1 [NAME]'),
        ('name', '\\p{Han}{1,3}(先生|女士|小姐)', '[NAME]\\1'),
        ('name', '(?:\\p{Han}{2,4}|[\\p{Katakana}ー]{2,8})(さん|様)', '[NAME]\\1'),
        ('name', '\\p{Hangul}{2,4}(님|씨)', '[NAME]\\1'),
    ]) }}
{%- endmacro %}

{% macro pii_types() -%}
    {{ return(['email', 'iban', 'card', 'phone', 'address', 'postcode', 'name']) }}
{%- endmacro %}

{#- Select-list items that redact `expr` step by step (DuckDB lets each item use the previous
    one) and count what each step replaced: `<prefix>_text` is the redacted text and
    `redacted_<type>_count` the number of identifiers of each type. With the `redact_pii` var
    false the text passes through and the counts are 0. -#}
{% macro redaction_columns(expr, prefix='redaction') -%}
    {%- set patterns = pii_patterns() if var('redact_pii') else [] -%}
    {{ expr }} as {{ prefix }}_step_0,
    {%- for type, pattern, replacement in patterns %}
        {%- set sql_pattern = pattern | replace("'", "''") %}
        coalesce(len(regexp_extract_all({{ prefix }}_step_{{ loop.index0 }}, '{{ sql_pattern }}')), 0)
            as {{ prefix }}_count_{{ loop.index }},
        regexp_replace({{ prefix }}_step_{{ loop.index0 }}, '{{ sql_pattern }}', '{{ replacement }}', 'g')
            as {{ prefix }}_step_{{ loop.index }},
    {%- endfor %}
    {%- for type in pii_types() %}
        0
        {%- for pattern_type, pattern, replacement in patterns %}
            {%- if pattern_type == type %} + {{ prefix }}_count_{{ loop.index }}{% endif %}
        {%- endfor %} as redacted_{{ type }}_count,
    {%- endfor %}
    {{ prefix }}_step_{{ patterns | length }} as {{ prefix }}_text
{%- endmacro %}
