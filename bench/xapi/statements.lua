-- wrk script: POST /xapi/statements with batches of 100 realistic statements (~1 KB each), each
-- with a fresh id, so every request stores 100 new statements.
-- Usage: wrk -s bench/xapi/statements.lua http://127.0.0.1:PORT  (env LRS_AUTH = "key:secret")
local auth = os.getenv("LRS_AUTH") or ""
local batch = tonumber(os.getenv("LRS_BATCH") or "100")

local function b64(data)
  local chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
  return ((data:gsub('.', function(x)
    local r, byte = '', x:byte()
    for i = 8, 1, -1 do r = r .. (byte % 2 ^ i - byte % 2 ^ (i - 1) > 0 and '1' or '0') end
    return r
  end) .. '0000'):gsub('%d%d?%d?%d?%d?%d?', function(x)
    if (#x < 6) then return '' end
    local c = 0
    for i = 1, 6 do c = c + (x:sub(i, i) == '1' and 2 ^ (6 - i) or 0) end
    return chars:sub(c + 1, c + 1)
  end) .. ({ '', '==', '=' })[#data % 3 + 1])
end

local verbs = { "completed", "attempted", "answered", "experienced", "passed", "failed" }
local hex = "0123456789abcdef"

local function uuid()
  local t = {}
  for i = 1, 32 do
    local n = math.random(1, 16)
    t[i] = hex:sub(n, n)
  end
  t[13] = "4"
  local s = table.concat(t)
  return s:sub(1, 8) .. "-" .. s:sub(9, 12) .. "-" .. s:sub(13, 16) .. "-" .. s:sub(17, 20) ..
      "-" .. s:sub(21, 32)
end

local function statement(i)
  local verb = verbs[(i % #verbs) + 1]
  local learner = math.random(1, 5000)
  local item = math.random(1, 240)
  return '{"id":"' .. uuid() .. '",' ..
      '"actor":{"objectType":"Agent","name":"Learner ' .. learner .. '",' ..
      '"account":{"homePage":"https://hr.example.com","name":"emp-' .. learner .. '"}},' ..
      '"verb":{"id":"http://adlnet.gov/expapi/verbs/' .. verb .. '","display":{"en-US":"' .. verb .. '"}},' ..
      '"object":{"objectType":"Activity","id":"https://attune.example.com/items/erps-' .. item .. '",' ..
      '"definition":{"type":"http://adlnet.gov/expapi/activities/cmi.interaction",' ..
      '"name":{"en-US":"Emotion recognition item ' .. item .. '"},' ..
      '"description":{"en-US":"Which emotion is the customer most likely feeling in this e-mail?"},' ..
      '"interactionType":"choice","correctResponsesPattern":["frustration"]}},' ..
      '"result":{"score":{"scaled":0.75,"raw":3,"min":0,"max":4},"success":true,"completion":true,' ..
      '"response":"frustration","duration":"PT42.5S"},' ..
      '"context":{"registration":"' .. uuid() .. '","platform":"Attune","language":"en-US",' ..
      '"contextActivities":{"parent":[{"id":"https://attune.example.com/assessments/erps"}],' ..
      '"grouping":[{"id":"https://attune.example.com/courses/emotional-intelligence"}]},' ..
      '"extensions":{"https://attune.example.com/xapi/ext/seniority":"individual-contributor"}},' ..
      '"timestamp":"2026-11-22T10:15:30.123Z"}'
end

function setup(thread)
  math.randomseed(os.time() + tonumber(tostring(thread):match("0x(%x+)") or "0", 16))
end

function init(args)
  math.randomseed(os.time() + math.floor(os.clock() * 1e6))
  wrk.method = "POST"
  wrk.path = "/xapi/statements"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["X-Experience-API-Version"] = "1.0.3"
  wrk.headers["Authorization"] = "Basic " .. b64(auth)
end

local counter = 0
function request()
  local parts = {}
  for i = 1, batch do
    counter = counter + 1
    parts[i] = statement(counter)
  end
  return wrk.format(nil, nil, nil, "[" .. table.concat(parts, ",") .. "]")
end

local errors = 0
function response(status, headers, body)
  if status ~= 200 then
    errors = errors + 1
    if errors <= 3 then io.stderr:write("status " .. status .. ": " .. body:sub(1, 300) .. "\n") end
  end
end
