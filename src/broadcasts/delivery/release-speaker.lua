-- Frees a speaker, only if this delivery still holds it. KEYS[1]: the claim; ARGV[1]: the delivery id.
if redis.call('HGET', KEYS[1], 'delivery') == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
