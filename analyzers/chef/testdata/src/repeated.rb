# A resource declared in a loop whose body does not use the block variable: one finding for the
# account, and no duplicate assignment (PL2004) between the iterations of one declaration.
%w(a b c).each do |i|
  windows_user_privilege 'web' do
    privilege 'SeImpersonatePrivilege'
    users ['CONTOSO\svc-rep'] # want "PL1001: .*CONTOSO.svc-rep"
    action :set
  end
end
