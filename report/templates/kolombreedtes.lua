-- Column widths of a table in the PDF and in Word, the way a browser lays out an automatic table: every column
-- gets at least what it cannot break, and what is left of the line goes to the columns in proportion to how
-- much more their text would take. What cannot break: a figure such as "€ 1.652.442" or "−1,69" whole; a row
-- label in the first column (a period such as "Begroting 2025 voorstel DB") whole when it is short; any
-- other text its longest word. A header only counts its longest word, since a header may wrap. When even
-- that does not fit, the first column keeps its labels whole and the other columns share the rest: Typst
-- lets a figure run into its cell's inset rather than break it. Word and LibreOffice do break a word wider
-- than its column, so there the first column's labels wrap at their words first, and the other columns are
-- squeezed only when that is not enough.
-- Without widths Typst sizes every column to its header, and the first column is squeezed into three lines
-- beside columns of short numbers; pandoc gives a Word table equal columns. The same rule serves the PDF
-- (Typst) and Word (woord.py): Word passes its own measures as metadata: kolombreedtes-regel and
-- kolombreedtes-rand (its line and cell margins, in the same characters), kolombreedtes-breekt-woorden.

local REGEL = 100          -- characters on a line of a table at the text width (the PDF's 8,8 pt on A4)
local RAND = 2             -- a cell's inset on both sides together, in characters
local LANGSTE_TEKST = 60   -- a longer text wraps anyway; it asks no more than this
local KORT_LABEL = 30      -- a row label up to this length stays on one line
local MINSTE = 3
local BREEKT_WOORDEN = false  -- the client breaks a word wider than its column (Word) instead of letting it run on

local function lengte(s)
  return utf8.len(s) or #s
end

local function langste_woord(tekst)
  local langste = 0
  for w in tekst:gmatch("%S+") do  -- a no-break space (pandoc puts one after "incl.") does not break
    langste = math.max(langste, lengte(w))
  end
  return langste
end

local function is_getal(tekst)
  local rest = tekst:gsub("€", ""):gsub("−", ""):gsub("fte", ""):gsub("[%s%d%.,%%%+%-–]", "")
  return rest == "" and tekst:match("%d") ~= nil
end

local function meet(rijen, minst, meest, kop)
  for _, rij in ipairs(rijen) do
    for i, cel in ipairs(rij.cells) do
      local tekst = pandoc.utils.stringify(cel.contents)
      local heel = lengte(tekst)
      local breekt_niet = langste_woord(tekst)
      if not kop and (is_getal(tekst) or (i == 1 and heel <= KORT_LABEL)) then
        breekt_niet = heel
      end
      local wil = kop and breekt_niet or math.max(breekt_niet, math.min(heel, LANGSTE_TEKST))
      minst[i] = math.max(minst[i] or MINSTE, breekt_niet + RAND)
      meest[i] = math.max(meest[i] or MINSTE, wil + RAND)
    end
  end
end

local function langste_woord_eerste_kolom(rijen, langste)
  for _, rij in ipairs(rijen) do
    if rij.cells[1] then
      langste = math.max(langste, langste_woord(pandoc.utils.stringify(rij.cells[1].contents)) + RAND)
    end
  end
  return langste
end

local function Table(tbl)
  local minst, meest = {}, {}
  meet(tbl.head.rows, minst, meest, true)
  local eerste_woord = langste_woord_eerste_kolom(tbl.head.rows, MINSTE)
  for _, body in ipairs(tbl.bodies) do
    meet(body.body, minst, meest, false)
    eerste_woord = langste_woord_eerste_kolom(body.body, eerste_woord)
  end
  local n = #tbl.colspecs
  local som_min, som_max = 0, 0
  for i = 1, n do
    minst[i], meest[i] = minst[i] or MINSTE, meest[i] or MINSTE
    som_min, som_max = som_min + minst[i], som_max + meest[i]
  end
  if BREEKT_WOORDEN and som_min >= REGEL and n > 1 and eerste_woord < minst[1] then
    -- the first column's labels wrap at their words (no narrower than needed) before a figure breaks
    local kleiner = math.max(eerste_woord, REGEL - (som_min - minst[1]) - 1)
    som_min, minst[1] = som_min - minst[1] + kleiner, kleiner
  end
  local breedte = {}
  for i = 1, n do
    if som_max <= REGEL then
      breedte[i] = meest[i]
    elseif som_min < REGEL then
      breedte[i] = minst[i] + (meest[i] - minst[i]) * (REGEL - som_min) / (som_max - som_min)
    elseif i == 1 or n == 1 then
      breedte[i] = minst[i]
    else
      breedte[i] = minst[i] * math.max(REGEL - minst[1], 0) / (som_min - minst[1])
    end
  end
  local totaal = 0
  for i = 1, n do
    totaal = totaal + breedte[i]
  end
  for i, spec in ipairs(tbl.colspecs) do
    tbl.colspecs[i] = {spec[1], breedte[i] / totaal}
  end
  return tbl
end

local function maten(meta)
  local function waarde(naam)
    return meta[naam] ~= nil and pandoc.utils.stringify(meta[naam]) or nil
  end
  REGEL = tonumber(waarde("kolombreedtes-regel")) or REGEL
  RAND = tonumber(waarde("kolombreedtes-rand")) or RAND
  BREEKT_WOORDEN = meta["kolombreedtes-breekt-woorden"] == true or waarde("kolombreedtes-breekt-woorden") == "true"
  -- read, then gone: Word would list them among the document's properties
  meta["kolombreedtes-regel"], meta["kolombreedtes-rand"], meta["kolombreedtes-breekt-woorden"] = nil, nil, nil
  return meta
end

return {{Meta = maten}, {Table = Table}}
