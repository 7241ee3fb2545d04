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

-- A chart block holds one script element, the chart's data (type application/json), and no element or
-- attribute that could run, load or link anything; text made to start like one stays text. Attribute values
-- (escaped by the converter) are left out before the tags are read.
local VERBODEN_TAG = {a = true, meta = true, base = true, link = true, iframe = true, frame = true, object = true,
  embed = true, form = true, input = true, button = true, img = true, image = true, use = true, animate = true,
  set = true, foreignobject = true, template = true, portal = true}

local function alleen_figuur(html)
  local laag = html:lower()
  local _, scripts = laag:gsub("<script", "")
  if scripts ~= 1 or not laag:match('<script type="application/json" class="vega%-spec" data%-doel="vis%-%d+">') then
    return false
  end
  laag = laag:gsub('"[^"]*"', '""')
  for tag in laag:gmatch("<[^>]*>") do
    local naam = tag:match("^</?([%w:_-]+)")
    if naam == nil or VERBODEN_TAG[naam] or tag:match("%son[%w_:-]*%s*=") or tag:match("href%s*=")
        or tag:match("%ssrc%w*%s*=") or tag:match("http%-equiv") or tag:match("formaction") then
      return false
    end
  end
  return true
end

function RawBlock(el)
  if el.format == "html" and el.text:match('^<figure class="figuur" id="figuur%-%d+">\n<div class="vega%-figuur" id="vis%-%d+"')
      and alleen_figuur(el.text) then
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
