-- Only the report's own markup reaches HTML and Typst: the chart blocks the converter writes
-- (<figure class="figuur" ...> raw HTML, #figure(image("figuren/figuur-N.svg" ...)) raw Typst) and the
-- chart images (figuren/figuur-N.svg, and .png in Word). Any other raw
-- HTML or Typst, image or link - e.g. from a data field or a scenario name - becomes plain text,
-- so it can neither load anything from the network nor break the PDF.

local function als_tekst(s)
  return pandoc.Str(s)
end

function RawInline(el)
  return als_tekst(el.text)
end

function RawBlock(el)
  if el.format == "html" and el.text:match('^<figure class="figuur" id="figuur%-%d+">\n<div class="vega%-figuur" id="vis%-%d+"') then
    return el
  end
  if el.format == "typst" and el.text:match('^#figure%(image%("figuren/figuur%-%d+%.svg"') then
    return el
  end
  return pandoc.Para({als_tekst(el.text)})
end

function Image(el)
  if el.src:match("^figuren/figuur%-%d+%.svg$") or el.src:match("^figuren/figuur%-%d+%.png$") then
    return el
  end
  return als_tekst("![" .. pandoc.utils.stringify(el.caption) .. "](" .. el.src .. ")")
end

function Link(el)
  if el.target:match("^#") then
    return el
  end
  return als_tekst("[" .. pandoc.utils.stringify(el.content) .. "](" .. el.target .. ")")
end
