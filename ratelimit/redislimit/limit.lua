-- A token bucket shared by every process using KEYS[1] (a hash), with a
-- pause after a throttling answer that any of them got. Times are in
-- microseconds, from Redis's TIME unless ARGV[2] gives one (tests).
--
-- ARGV: op ("wait", "throttled", "ok"), now or "", ceiling (requests a
-- second), burst, then the op's arguments.
-- Replies: {status, microseconds, now, rate*1000}.
local key = KEYS[1]
local op = ARGV[1]
local now = tonumber(ARGV[2])
if not now then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000000 + tonumber(t[2])
end
local ceiling = tonumber(ARGV[3])
local burst = tonumber(ARGV[4])
local f = redis.call('HMGET', key, 'tokens', 'last', 'rate', 'pause', 'probeAt', 'probeGap', 'cut', 'quiet', 'rise')
local rate = tonumber(f[3]) or ceiling
if rate > ceiling then rate = ceiling end
local iv = 1000000 / rate
-- Nothing saved up at the start: one token.
local tokens = tonumber(f[1]) or 1
local last = tonumber(f[2]) or now
if now > last then
  tokens = math.min(burst, tokens + (now - last) / iv)
  last = now
end
local pause = tonumber(f[4]) or 0
local probeAt = tonumber(f[5]) or 0
local probeGap = tonumber(f[6]) or 10000
local cut = tonumber(f[7]) or 0
local quiet = tonumber(f[8]) or 0
local rise = tonumber(f[9]) or 0
local ttl = 3600000

local function save()
  redis.call('HSET', key, 'tokens', tostring(tokens), 'last', tostring(last), 'rate', tostring(rate),
    'pause', tostring(pause), 'probeAt', tostring(probeAt), 'probeGap', tostring(probeGap),
    'cut', tostring(cut), 'quiet', tostring(quiet), 'rise', tostring(rise))
  redis.call('PEXPIRE', key, ttl)
end

local r = math.floor(rate * 1000)

if op == 'wait' then
  -- ARGV[5]: the longest wait the caller accepts (-1: any).
  local maxwait = tonumber(ARGV[5])
  if now < pause then
    if now >= probeAt then
      -- One probe for every process, then the next after probeGap.
      probeAt = now + probeGap
      save()
      return {1, 0, now, r}
    end
    return {0, math.min(pause, probeAt) - now, now, r}
  end
  local wait = 0
  if tokens < 1 then
    wait = math.ceil((1 - tokens) * iv)
  end
  if maxwait >= 0 and wait > maxwait then
    return {2, wait, now, r}
  end
  tokens = tokens - 1
  save()
  return {1, wait, now, r}
elseif op == 'throttled' then
  -- ARGV[5]: when the request was sent; ARGV[6]: the Retry-After (0:
  -- none); ARGV[7]: the pause without one; ARGV[8]: the factor the rate
  -- is cut by; ARGV[9]: the lowest rate.
  local sent = tonumber(ARGV[5])
  local ra = tonumber(ARGV[6])
  quiet = now
  if sent < cut then
    -- Sent before the last cut: that cut has dealt with it.
    redis.call('HSET', key, 'quiet', tostring(quiet))
    return {0, math.max(pause - now, 0), now, r}
  end
  if now < pause then
    -- A request sent during the pause (a probe) was throttled too: the
    -- next probe waits twice as long.
    probeGap = math.min(probeGap * 2, 500000)
    probeAt = now + probeGap
    if ra > 0 and now + ra > pause then
      pause = now + ra
    end
  else
    rate = math.max(tonumber(ARGV[9]), rate * tonumber(ARGV[8]))
    cut = now
    if ra > 0 then
      pause = now + ra
    else
      pause = now + tonumber(ARGV[7])
    end
    probeGap = 10000
    probeAt = now + probeGap
    tokens = math.min(tokens, 0)
  end
  save()
  return {1, pause - now, now, math.floor(rate * 1000)}
elseif op == 'ok' then
  -- ARGV[5]: when the request was sent; ARGV[6]: the quiet period
  -- before a rise; ARGV[7]: the time between rises; ARGV[8]: the factor
  -- of a rise.
  local sent = tonumber(ARGV[5])
  if now < pause then
    if sent >= cut then
      -- Accepted after the throttle: the pause ends, with no burst.
      pause = 0
      tokens = math.min(tokens, 0)
      save()
      return {1, 0, now, r}
    end
    return {0, pause - now, now, r}
  end
  if rate < ceiling and now - quiet >= tonumber(ARGV[6]) and now - rise >= tonumber(ARGV[7]) then
    rate = math.min(ceiling, rate * tonumber(ARGV[8]))
    rise = now
    save()
    return {2, 0, now, math.floor(rate * 1000)}
  end
  return {0, 0, now, r}
end
return redis.error_reply('redislimit: unknown op')
